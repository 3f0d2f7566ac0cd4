package io.tutti.client;

import com.linecorp.armeria.client.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The nodes this client talks to, by client address: each with its {@link NodeApi} and its own circuit breaker
 * (Armeria's). A node whose calls keep failing at the transport level has its circuit opened, and the router skips it
 * until a trial request after {@link #CIRCUIT_OPEN_WINDOW} succeeds.
 */
final class Nodes {
  static final Duration CIRCUIT_OPEN_WINDOW = Duration.ofSeconds(2);
  static final Duration CIRCUIT_TRIAL_INTERVAL = Duration.ofSeconds(1);
  static final Duration CIRCUIT_COUNTER_WINDOW = Duration.ofSeconds(10);
  static final Duration CIRCUIT_COUNTER_UPDATE_INTERVAL = Duration.ofMillis(100);
  static final double CIRCUIT_FAILURE_RATE_THRESHOLD = 0.5;
  static final long CIRCUIT_REQUESTS_MIN = 2;
  /** Bound on distinct nodes remembered: seeds plus members; a cluster larger than this is not expected. */
  static final int NODES_MAX = 1024;

  /** One node: its address, API and circuit breaker. */
  record Node(String address, NodeApi api, CircuitBreaker breaker) {}

  private final NodeApi.Factory factory;
  private final ConcurrentMap<String, Node> nodes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Nodes(NodeApi.Factory factory) {
    this.factory = factory;
  }

  Node get(String address) {
    Node node = nodes.get(address);
    if (node != null) {
      return node;
    }
    if (closed) {
      throw new IllegalStateException("the client is closed");
    }
    if (nodes.size() >= NODES_MAX) {
      throw new IllegalStateException("more than " + NODES_MAX + " distinct node addresses; refusing " + address);
    }
    return nodes.computeIfAbsent(address, a -> new Node(a, factory.open(a), newBreaker(a)));
  }

  /** Closes every node's API; later {@link #get}s of a node not seen before fail with IllegalStateException. */
  void closeAll() {
    closed = true;
    nodes.values().forEach(node -> node.api().close());
  }

  /** Whether {@code address}'s circuit lets a request through now (a half-open circuit lets one trial through). */
  boolean tryRequest(String address) {
    return get(address).breaker().tryRequest();
  }

  static CircuitBreaker newBreaker(String address) {
    return CircuitBreaker.builder("tutti-node-" + address)
        .failureRateThreshold(CIRCUIT_FAILURE_RATE_THRESHOLD)
        .minimumRequestThreshold(CIRCUIT_REQUESTS_MIN)
        .circuitOpenWindow(CIRCUIT_OPEN_WINDOW)
        .trialRequestInterval(CIRCUIT_TRIAL_INTERVAL)
        .counterSlidingWindow(CIRCUIT_COUNTER_WINDOW)
        .counterUpdateInterval(CIRCUIT_COUNTER_UPDATE_INTERVAL)
        .build();
  }
}
