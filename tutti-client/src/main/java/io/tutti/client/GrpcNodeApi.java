package io.tutti.client;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.tutti.proto.v1.ClusterGrpc;
import io.tutti.proto.v1.ClusterStatus;
import io.tutti.proto.v1.ClusterStatusRequest;
import io.tutti.proto.v1.CreateKeyspaceRequest;
import io.tutti.proto.v1.DeleteRequest;
import io.tutti.proto.v1.DeleteResponse;
import io.tutti.proto.v1.DropKeyspaceRequest;
import io.tutti.proto.v1.GetRequest;
import io.tutti.proto.v1.GetResponse;
import io.tutti.proto.v1.KeyspaceInfo;
import io.tutti.proto.v1.KeyspacesGrpc;
import io.tutti.proto.v1.KvGrpc;
import io.tutti.proto.v1.ListKeyspacesRequest;
import io.tutti.proto.v1.ListKeyspacesResponse;
import io.tutti.proto.v1.PutRequest;
import io.tutti.proto.v1.PutResponse;
import io.tutti.proto.v1.ScanRequest;
import io.tutti.proto.v1.ScanResponse;
import java.util.concurrent.TimeUnit;

/**
 * {@link NodeApi} over Armeria's gRPC client. Armeria's own response timeout is off: each call carries a gRPC
 * deadline instead, set by the retry loop from what is left of the request's time budget.
 */
final class GrpcNodeApi implements NodeApi {
  private final KvGrpc.KvBlockingStub kv;
  private final KeyspacesGrpc.KeyspacesBlockingStub keyspaces;
  private final ClusterGrpc.ClusterBlockingStub cluster;

  GrpcNodeApi(ClientFactory factory, String address, int responseSizeMaxBytes) {
    String uri = "http://" + address;
    this.kv = stub(factory, uri, responseSizeMaxBytes, KvGrpc.KvBlockingStub.class);
    this.keyspaces = stub(factory, uri, responseSizeMaxBytes, KeyspacesGrpc.KeyspacesBlockingStub.class);
    this.cluster = stub(factory, uri, responseSizeMaxBytes, ClusterGrpc.ClusterBlockingStub.class);
  }

  private static <T> T stub(ClientFactory factory, String uri, int responseSizeMaxBytes, Class<T> type) {
    return GrpcClients.builder(uri).factory(factory).responseTimeoutMillis(0)
        .maxResponseMessageLength(responseSizeMaxBytes).maxResponseLength(responseSizeMaxBytes).build(type);
  }

  @Override
  public PutResponse put(PutRequest request, long timeoutMs) {
    return kv.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).put(request);
  }

  @Override
  public GetResponse get(GetRequest request, long timeoutMs) {
    return kv.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).get(request);
  }

  @Override
  public DeleteResponse delete(DeleteRequest request, long timeoutMs) {
    return kv.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).delete(request);
  }

  @Override
  public ScanResponse scan(ScanRequest request, long timeoutMs) {
    return kv.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).scan(request);
  }

  @Override
  public KeyspaceInfo createKeyspace(CreateKeyspaceRequest request, long timeoutMs) {
    return keyspaces.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).create(request);
  }

  @Override
  public ListKeyspacesResponse listKeyspaces(long timeoutMs) {
    return keyspaces.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
        .list(ListKeyspacesRequest.getDefaultInstance());
  }

  @Override
  public void dropKeyspace(DropKeyspaceRequest request, long timeoutMs) {
    keyspaces.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).drop(request);
  }

  @Override
  public ClusterStatus clusterStatus(long timeoutMs) {
    return cluster.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
        .status(ClusterStatusRequest.getDefaultInstance());
  }
}
