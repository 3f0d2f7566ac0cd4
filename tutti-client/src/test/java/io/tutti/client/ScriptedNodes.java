package io.tutti.client;

import io.grpc.Status;
import io.tutti.proto.v1.ClusterStatus;
import io.tutti.proto.v1.CreateKeyspaceRequest;
import io.tutti.proto.v1.DeleteRequest;
import io.tutti.proto.v1.DeleteResponse;
import io.tutti.proto.v1.DropKeyspaceRequest;
import io.tutti.proto.v1.GetRequest;
import io.tutti.proto.v1.GetResponse;
import io.tutti.proto.v1.KeyspaceInfo;
import io.tutti.proto.v1.ListKeyspacesResponse;
import io.tutti.proto.v1.PutRequest;
import io.tutti.proto.v1.PutResponse;
import io.tutti.proto.v1.ScanRequest;
import io.tutti.proto.v1.ScanResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake transport for unit tests: every call is recorded as (address, request) and answered by a script, which
 * returns a response or throws what a real node or network would. Cluster status is unavailable unless scripted.
 */
final class ScriptedNodes implements NodeApi.Factory {
  record Call(String address, Object request) {}

  @FunctionalInterface
  interface Script {
    Object answer(String address, Object request, int callNumber);
  }

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Script script;

  ScriptedNodes(Script script) {
    this.script = script;
  }

  List<Call> kvCalls() {
    return calls.stream().filter(call -> !(call.request() instanceof String)).toList();
  }

  @Override
  public NodeApi open(String address) {
    return new NodeApi() {
      private <T> T call(Object request, Class<T> type) {
        int number;
        synchronized (calls) {
          calls.add(new Call(address, request));
          number = (int) calls.stream().filter(c -> c.request().getClass() == request.getClass()).count();
        }
        return type.cast(script.answer(address, request, number));
      }

      @Override
      public PutResponse put(PutRequest request, long timeoutMs) {
        return call(request, PutResponse.class);
      }

      @Override
      public GetResponse get(GetRequest request, long timeoutMs) {
        return call(request, GetResponse.class);
      }

      @Override
      public DeleteResponse delete(DeleteRequest request, long timeoutMs) {
        return call(request, DeleteResponse.class);
      }

      @Override
      public ScanResponse scan(ScanRequest request, long timeoutMs) {
        return call(request, ScanResponse.class);
      }

      @Override
      public KeyspaceInfo createKeyspace(CreateKeyspaceRequest request, long timeoutMs) {
        return call(request, KeyspaceInfo.class);
      }

      @Override
      public ListKeyspacesResponse listKeyspaces(long timeoutMs) {
        return call("list keyspaces", ListKeyspacesResponse.class);
      }

      @Override
      public void dropKeyspace(DropKeyspaceRequest request, long timeoutMs) {
        call(request, Object.class);
      }

      @Override
      public ClusterStatus clusterStatus(long timeoutMs) {
        throw Status.UNAVAILABLE.withDescription("status not scripted").asRuntimeException();
      }
    };
  }
}
