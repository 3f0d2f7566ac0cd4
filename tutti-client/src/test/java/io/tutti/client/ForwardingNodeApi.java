package io.tutti.client;

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

/** A {@link NodeApi} that passes every call to another; tests override the calls they disturb. */
class ForwardingNodeApi implements NodeApi {
  private final NodeApi delegate;

  ForwardingNodeApi(NodeApi delegate) {
    this.delegate = delegate;
  }

  @Override
  public PutResponse put(PutRequest request, long timeoutMs) {
    return delegate.put(request, timeoutMs);
  }

  @Override
  public GetResponse get(GetRequest request, long timeoutMs) {
    return delegate.get(request, timeoutMs);
  }

  @Override
  public DeleteResponse delete(DeleteRequest request, long timeoutMs) {
    return delegate.delete(request, timeoutMs);
  }

  @Override
  public ScanResponse scan(ScanRequest request, long timeoutMs) {
    return delegate.scan(request, timeoutMs);
  }

  @Override
  public KeyspaceInfo createKeyspace(CreateKeyspaceRequest request, long timeoutMs) {
    return delegate.createKeyspace(request, timeoutMs);
  }

  @Override
  public ListKeyspacesResponse listKeyspaces(long timeoutMs) {
    return delegate.listKeyspaces(timeoutMs);
  }

  @Override
  public void dropKeyspace(DropKeyspaceRequest request, long timeoutMs) {
    delegate.dropKeyspace(request, timeoutMs);
  }

  @Override
  public ClusterStatus clusterStatus(long timeoutMs) {
    return delegate.clusterStatus(timeoutMs);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
