package io.tutti.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
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
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link NodeApi} over gRPC-Java's Netty transport: one HTTP/2 connection per node, shared by every concurrent call.
 * Each call carries a gRPC deadline, set by the retry loop from what is left of the request's time budget.
 *
 * <p>Why not Armeria's gRPC client, which the server uses: on this workload it cost about twice the CPU per call
 * (measured in {@code docs/benchmarks.md}, "The client's cost per request"), and a load generator that spends the
 * machine's CPU on itself measures itself, not the cluster.
 */
final class GrpcNodeApi implements NodeApi {
  /** One connection to the node and the stubs on it; replaced as a whole when its connection has failed. */
  private record Channel(ManagedChannel channel, KvGrpc.KvBlockingStub kv, KeyspacesGrpc.KeyspacesBlockingStub keyspaces,
      ClusterGrpc.ClusterBlockingStub cluster) {}

  private final String host;
  private final int port;
  private final int responseSizeMaxBytes;
  private final Duration connectTimeout;
  private volatile Channel current;
  private boolean closed; // guarded by this

  /** Connects lazily, on the first call, to {@code host:port}. */
  GrpcNodeApi(String address, int responseSizeMaxBytes, Duration connectTimeout) {
    int colon = address.lastIndexOf(':');
    String hostPart = address.substring(0, colon);
    this.host = hostPart.startsWith("[") && hostPart.endsWith("]")
        ? hostPart.substring(1, hostPart.length() - 1) // IPv6 literal
        : hostPart;
    this.port = Integer.parseInt(address.substring(colon + 1));
    this.responseSizeMaxBytes = responseSizeMaxBytes;
    this.connectTimeout = connectTimeout;
    this.current = open();
  }

  private Channel open() {
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, port)
        .usePlaintext()
        .maxInboundMessageSize(responseSizeMaxBytes)
        .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .build();
    return new Channel(channel, KvGrpc.newBlockingStub(channel), KeyspacesGrpc.newBlockingStub(channel),
        ClusterGrpc.newBlockingStub(channel));
  }

  /**
   * Runs one call. After a failed connect gRPC-Java keeps failing every call at once, without trying the node, until
   * an exponential backoff (up to two minutes) has passed. The client has its own rule for how often a failing node
   * is tried (its circuit breaker), so a call that fails to connect retires its channel, and the next call opens a
   * fresh one that tries the node then: a restarted node is used again at once, and a call to a node still down
   * fails at once with the connect error, which proves it was not sent.
   */
  private <T> T call(Function<Channel, T> call) {
    Channel channel = current;
    try {
      return call.apply(channel);
    } catch (RuntimeException e) {
      if (!ErrorMapping.maybeReachedNode(e)) {
        retire(channel);
      }
      throw e;
    }
  }

  private synchronized void retire(Channel channel) {
    if (current == channel && !closed) {
      channel.channel().shutdown();
      current = open();
    }
  }

  @Override
  public PutResponse put(PutRequest request, long timeoutMs) {
    return call(c -> c.kv().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).put(request));
  }

  @Override
  public GetResponse get(GetRequest request, long timeoutMs) {
    return call(c -> c.kv().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).get(request));
  }

  @Override
  public DeleteResponse delete(DeleteRequest request, long timeoutMs) {
    return call(c -> c.kv().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).delete(request));
  }

  @Override
  public ScanResponse scan(ScanRequest request, long timeoutMs) {
    return call(c -> c.kv().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).scan(request));
  }

  @Override
  public KeyspaceInfo createKeyspace(CreateKeyspaceRequest request, long timeoutMs) {
    return call(c -> c.keyspaces().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).create(request));
  }

  @Override
  public ListKeyspacesResponse listKeyspaces(long timeoutMs) {
    return call(c -> c.keyspaces().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
        .list(ListKeyspacesRequest.getDefaultInstance()));
  }

  @Override
  public void dropKeyspace(DropKeyspaceRequest request, long timeoutMs) {
    call(c -> c.keyspaces().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).drop(request));
  }

  @Override
  public ClusterStatus clusterStatus(long timeoutMs) {
    return call(c -> c.cluster().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
        .status(ClusterStatusRequest.getDefaultInstance()));
  }

  @Override
  public synchronized void close() {
    closed = true;
    current.channel().shutdownNow();
  }
}
