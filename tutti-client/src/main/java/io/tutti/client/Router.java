package io.tutti.client;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the cached {@link ClusterMap} and keeps it fresh. A refresh asks one node for the cluster status (trying the
 * candidates in turn); refreshes are rate-limited to one per {@link #REFRESH_INTERVAL_MIN_MS} and at most one runs at
 * a time, in the background. Triggers: a reply served by another node than the cached leader, a shard without a
 * known leader or a keyspace the map does not know, and UNAVAILABLE / NO_QUORUM / transport failures.
 */
final class Router {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  static final long REFRESH_INTERVAL_MIN_MS = 200;

  private final List<String> seeds;
  private final Nodes nodes;
  private final Executor background;
  private final LongSupplier nanoTime;
  private final long statusTimeoutMs;
  private final Routing routing;
  private volatile ClusterMap map = ClusterMap.EMPTY;
  private final AtomicLong lastRefreshNanos;
  private final AtomicBoolean refreshing = new AtomicBoolean();

  Router(List<String> seeds, Nodes nodes, Executor background, LongSupplier nanoTime, long statusTimeoutMs,
      Routing routing) {
    this.seeds = List.copyOf(seeds);
    this.routing = routing;
    this.nodes = nodes;
    this.background = background;
    this.nanoTime = nanoTime;
    this.statusTimeoutMs = statusTimeoutMs;
    this.lastRefreshNanos = new AtomicLong(nanoTime.getAsLong() - TimeUnit.MILLISECONDS.toNanos(
        REFRESH_INTERVAL_MIN_MS));
  }

  ClusterMap map() {
    return map;
  }

  List<String> candidates(Target target) {
    return candidates(map, target, seeds, routing);
  }

  /** The nodes to try for {@code target}, best first. */
  static List<String> candidates(ClusterMap map, Target target, List<String> seeds, Routing routing) {
    return switch (routing) {
      case LEADER -> map.candidates(target, seeds);
      case ENDPOINTS -> seeds;
    };
  }

  /** After a successful reply for {@code key}: refreshes the map if it did not name {@code servedBy} as leader. */
  void onServedBy(String keyspace, byte[] key, String servedBy) {
    if (!servedBy.isEmpty() && !servedBy.equals(map.leaderOf(keyspace, key))) {
      refreshSoon();
    }
  }

  /** Starts a background refresh unless one ran less than {@link #REFRESH_INTERVAL_MIN_MS} ago or is running. */
  void refreshSoon() {
    if (!claimRefresh()) {
      return;
    }
    try {
      background.execute(this::refreshClaimed);
    } catch (RejectedExecutionException e) {
      refreshing.set(false); // the client is closing
    }
  }

  /** Refreshes now on the calling thread, ignoring the rate limit; returns whether a node answered. */
  boolean refreshNow() {
    if (!refreshing.compareAndSet(false, true)) {
      return false; // a background refresh is under way
    }
    lastRefreshNanos.set(nanoTime.getAsLong());
    return refreshClaimed();
  }

  private boolean claimRefresh() {
    long now = nanoTime.getAsLong();
    long last = lastRefreshNanos.get();
    if (now - last < TimeUnit.MILLISECONDS.toNanos(REFRESH_INTERVAL_MIN_MS) || refreshing.get()) {
      return false;
    }
    if (!lastRefreshNanos.compareAndSet(last, now)) {
      return false;
    }
    return refreshing.compareAndSet(false, true);
  }

  private boolean refreshClaimed() {
    try {
      for (String address : map.candidates(new Target.Any(0), seeds)) {
        Nodes.Node node;
        try {
          node = nodes.get(address);
        } catch (RuntimeException e) {
          // The client is closing, or the address cannot be connected to: a background refresh never throws.
          LOG.debug("no connection to {} for the cluster status: {}", address, e.toString());
          continue;
        }
        if (!node.breaker().tryRequest()) {
          continue;
        }
        try {
          map = ClusterMap.from(ClusterInfo.fromProto(node.api().clusterStatus(statusTimeoutMs)));
          node.breaker().onSuccess();
          return true;
        } catch (RuntimeException e) {
          if (ErrorMapping.isNodeFailure(e)) {
            node.breaker().onFailure();
          }
          LOG.debug("cluster status from {} failed: {}", address, e.toString());
        }
      }
      return false;
    } finally {
      refreshing.set(false);
    }
  }
}
