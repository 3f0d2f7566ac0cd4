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

/**
 * One node's client API, one blocking call per RPC with a per-call timeout. The seam between the client's logic
 * (routing, retries) and the transport: production uses gRPC ({@link GrpcNodeApi}); tests may wrap or replace it.
 * Failures are thrown as gRPC {@link io.grpc.StatusRuntimeException}s (or any other runtime exception for a broken
 * transport), never as {@link TuttiClientException}s: mapping them is the caller's job.
 */
interface NodeApi {
  PutResponse put(PutRequest request, long timeoutMs);

  GetResponse get(GetRequest request, long timeoutMs);

  DeleteResponse delete(DeleteRequest request, long timeoutMs);

  ScanResponse scan(ScanRequest request, long timeoutMs);

  KeyspaceInfo createKeyspace(CreateKeyspaceRequest request, long timeoutMs);

  ListKeyspacesResponse listKeyspaces(long timeoutMs);

  void dropKeyspace(DropKeyspaceRequest request, long timeoutMs);

  ClusterStatus clusterStatus(long timeoutMs);

  /** Releases the connection; calls after this fail. */
  default void close() {}

  /** Opens the API of the node at {@code host:port}. */
  @FunctionalInterface
  interface Factory {
    NodeApi open(String address);
  }
}
