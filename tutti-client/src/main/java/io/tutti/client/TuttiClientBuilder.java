package io.tutti.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Configures a {@link TuttiClient}. Only {@link #endpoints} is required. */
public final class TuttiClientBuilder {
  static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
  static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
  static final Duration STATUS_TIMEOUT_MAX = Duration.ofSeconds(3);
  static final int RESPONSE_SIZE_MAX_BYTES_DEFAULT = 64 << 20;

  private final List<String> endpoints = new ArrayList<>();
  private Duration requestTimeout = REQUEST_TIMEOUT_DEFAULT;
  private Duration attemptTimeout;
  private Duration connectTimeout = CONNECT_TIMEOUT_DEFAULT;
  private int maxAttempts = 8;
  private Duration backoffInitial = Duration.ofMillis(50);
  private Duration backoffMax = Duration.ofSeconds(1);
  private int responseSizeMaxBytes = RESPONSE_SIZE_MAX_BYTES_DEFAULT;
  private Routing routing = Routing.LEADER;
  private NodeApi.Factory nodeApiFactory;
  private RequestExecutor.Sleeper sleeper = Thread::sleep;

  TuttiClientBuilder() {}

  /** Seed endpoints, {@code host:port} of nodes' client API; the rest of the cluster is learned from them. */
  public TuttiClientBuilder endpoints(String... endpoints) {
    return endpoints(List.of(endpoints));
  }

  public TuttiClientBuilder endpoints(List<String> endpoints) {
    for (String endpoint : endpoints) {
      this.endpoints.add(checkEndpoint(endpoint.trim()));
    }
    return this;
  }

  /** Where requests go (default {@link Routing#LEADER}: to the shard leader the cluster map names). */
  public TuttiClientBuilder routing(Routing routing) {
    this.routing = Objects.requireNonNull(routing, "routing");
    return this;
  }

  /** The whole time budget of one request, retries included (default 10 s). */
  public TuttiClientBuilder requestTimeout(Duration requestTimeout) {
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    return this;
  }

  /** The most one attempt may take before the client tries another node (default: half the request timeout). */
  public TuttiClientBuilder attemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    return this;
  }

  public TuttiClientBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    return this;
  }

  /** The most attempts per request, the first included (default 8). */
  public TuttiClientBuilder maxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** Exponential backoff between attempts, with jitter (default 50 ms doubling up to 1 s). */
  public TuttiClientBuilder backoff(Duration initial, Duration max) {
    this.backoffInitial = Objects.requireNonNull(initial, "initial");
    this.backoffMax = Objects.requireNonNull(max, "max");
    return this;
  }

  /** The largest reply accepted (default 64 MiB); bounds scan pages in bytes. */
  public TuttiClientBuilder responseSizeMaxBytes(int responseSizeMaxBytes) {
    if (responseSizeMaxBytes <= 0) {
      throw new IllegalArgumentException("responseSizeMaxBytes must be > 0, got " + responseSizeMaxBytes);
    }
    this.responseSizeMaxBytes = responseSizeMaxBytes;
    return this;
  }

  /** For tests: replaces or wraps the transport. */
  TuttiClientBuilder nodeApiFactory(NodeApi.Factory factory) {
    this.nodeApiFactory = factory;
    return this;
  }

  /** For tests: replaces the wait between attempts. */
  TuttiClientBuilder sleeper(RequestExecutor.Sleeper sleeper) {
    this.sleeper = sleeper;
    return this;
  }

  /** Validates the settings, connects lazily and fetches the cluster map once (best effort). */
  public TuttiClient build() {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint (host:port) is required");
    }
    if (!connectTimeout.isPositive()) {
      throw new IllegalArgumentException("connectTimeout must be > 0, got " + connectTimeout);
    }
    Duration attempt = attemptTimeout != null ? attemptTimeout
        : requestTimeout.dividedBy(2).isPositive() ? requestTimeout.dividedBy(2) : requestTimeout;
    RetryPolicy policy = new RetryPolicy(requestTimeout, attempt, maxAttempts, backoffInitial, backoffMax);
    Duration connect = connectTimeout;
    int responseMax = responseSizeMaxBytes;
    NodeApi.Factory apis = nodeApiFactory != null ? nodeApiFactory
        : address -> new GrpcNodeApi(address, responseMax, connect);
    Duration statusTimeout = requestTimeout.compareTo(STATUS_TIMEOUT_MAX) < 0 ? requestTimeout : STATUS_TIMEOUT_MAX;
    return new TuttiClient(List.copyOf(endpoints), policy, apis, sleeper, statusTimeout.toMillis(), routing);
  }

  static String checkEndpoint(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0 || colon == endpoint.length() - 1) {
      throw new IllegalArgumentException("endpoint '" + endpoint + "' must be host:port");
    }
    try {
      int port = Integer.parseInt(endpoint.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("endpoint '" + endpoint + "' has port " + port + ", not 1..65535");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("endpoint '" + endpoint + "' must be host:port with a numeric port");
    }
    return endpoint;
  }
}
