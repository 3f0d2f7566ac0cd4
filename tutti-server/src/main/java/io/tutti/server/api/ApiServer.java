package io.tutti.server.api;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.tutti.core.error.ErrorCode;
import io.tutti.server.config.NodeConfig.HostPort;
import io.tutti.server.node.ClusterView;
import io.tutti.server.node.NodeService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The node's client port: gRPC ({@code tutti.v1}) and HTTP/JSON on one address, plus {@code /health/live} and
 * {@code /health/ready}. Every error, including those the web layer raises itself (body too large, unknown route),
 * is rendered from the error table.
 */
public final class ApiServer implements AutoCloseable {
  private final Server server;

  private ApiServer(Server server) {
    this.server = server;
  }

  public static ApiServer start(HostPort address, NodeService service,
      Supplier<CompletableFuture<ClusterView>> status, BooleanSupplier ready) {
    HttpApi http = new HttpApi(service, status);
    Server server = Server.builder()
        .http(new InetSocketAddress(address.host(), address.port()))
        .maxRequestLength(service.limits().requestBodyMaxBytes())
        // A key of keySizeMaxBytes, percent-encoded (3 bytes per byte), must fit in the request line and headers.
        .http1MaxInitialLineLength(3 * service.limits().keySizeMaxBytes() + 1024)
        .http1MaxHeaderSize(3 * service.limits().keySizeMaxBytes() + 8192)
        .http2MaxHeaderListSize(3 * service.limits().keySizeMaxBytes() + 8192)
        .requestTimeout(Duration.ofSeconds(60))
        .gracefulShutdownTimeout(Duration.ofMillis(500), Duration.ofSeconds(3))
        // One socket write for the responses that become ready together (a Raft entry's worth of puts, or the gets
        // of one read from the socket) instead of one write system call per response.
        .childChannelPipelineCustomizer(pipeline -> pipeline.addFirst(new FlushConsolidationHandler(
            FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true)))
        .service(GrpcService.builder()
            .addService(new GrpcApi.Kv(service))
            .addService(new GrpcApi.Keyspaces(service))
            .addService(new GrpcApi.Cluster(status))
            .maxRequestMessageLength(service.limits().requestBodyMaxBytes())
            .build())
        .service("/health/live", (ctx, req) -> HttpApi.json(200,
            HttpErrors.JSON.createObjectNode().put("status", "live")))
        .service("/health/ready", (ctx, req) -> ready.getAsBoolean()
            ? HttpApi.json(200, HttpErrors.JSON.createObjectNode().put("status", "ready"))
            : HttpErrors.response(ErrorCode.UNAVAILABLE, "not ready: joining the cluster or starting shards"))
        .serviceUnder("/v1/", http)
        .serviceUnder("/", (ctx, req) -> HttpErrors.response(ErrorCode.NOT_FOUND,
            "no route " + req.method() + " " + ctx.path()))
        .errorHandler(new ServerErrorHandler() {
          @Override
          public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
            return HttpErrors.response(cause);
          }

          @Override
          public AggregatedHttpResponse onProtocolViolation(ServiceConfig config, RequestHeaders headers,
              HttpStatus status, String description, Throwable cause) {
            return HttpErrors.forStatus(status).aggregate().join();
          }

          @Override
          public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config,
              RequestHeaders headers, HttpStatus status, String description, Throwable cause) {
            return HttpErrors.forStatus(status).aggregate().join();
          }
        })
        .build();
    server.start().join();
    return new ApiServer(server);
  }


  @Override
  public void close() {
    server.stop().join();
  }
}
