package io.tutti.server.node;

import io.tutti.core.meta.ClusterState;
import io.tutti.core.meta.Keyspace;
import io.tutti.core.meta.ShardPlacement;
import io.tutti.server.raft.KvShardStateMachine;
import io.tutti.server.raft.RaftNode;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.protocol.RaftGroupId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the shard replicas on this node in line with the metadata: starts the Raft group of every shard placed on
 * this node, and removes (with its data) every group of a dropped keyspace. Level-triggered and idempotent: each
 * pass compares the latest metadata with the groups the Ratis server has, on one thread, and a failed pass is retried.
 *
 * <p>A group is removed only when the metadata lists it as retired, never merely because the metadata does not
 * mention it: while the metadata replays after a restart it lags, and removing on absence would delete live data.
 *
 * <p>Repair: a replica that crashed after its group was added but before the group's first log entry (which carries
 * the configuration) reached its disk comes back with no configuration, and Ratis closes it. Such a replica has no
 * log, so it is re-registered with its peers from the metadata, recovering (not formatting) its storage so that its
 * term and vote are kept.
 *
 * <p>Leader placement: the metadata names a preferred leader per shard, spread evenly over the nodes. A replica that
 * has led a shard it is not preferred for, in one term, for {@link #HAND_BACK_AFTER_MS} (the preferred node is back
 * and has had time to catch up), asks Ratis to transfer leadership to the preferred node, if that node answered it
 * within the last {@link #RESPONSIVE_WITHIN_MS}; Ratis transfers only once that node is caught up. At most one attempt per shard per {@link #HAND_BACK_AFTER_MS}, so a node that keeps
 * failing is not handed leadership in a loop.
 */
public final class ShardManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardManager.class);
  private static final long RETRY_DELAY_MS = 1000;
  private static final long PERIOD_MS = 2000;
  static final long HAND_BACK_AFTER_MS = 10_000;
  private static final long HAND_BACK_TIMEOUT_MS = 3000;
  /** A follower that has not answered its leader for this long is not handed leadership. */
  private static final long RESPONSIVE_WITHIN_MS = 1000;

  private final String selfId;
  private final RaftNode raft;
  private final NodeService service;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "shard-manager");
        thread.setDaemon(true);
        return thread;
      });
  private final AtomicReference<ClusterState> latest = new AtomicReference<>();
  /** Per group this node leads but is not preferred for: the term and when this node was first seen leading in it. */
  private final java.util.Map<RaftGroupId, Leadership> leadership = new java.util.HashMap<>(); // shard-manager thread

  private record Leadership(long term, long sinceNanos) {}
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean started;

  public ShardManager(String selfId, RaftNode raft, NodeService service) {
    this.selfId = selfId;
    this.raft = raft;
    this.service = service;
  }

  /** Called on every metadata change (from the metadata apply thread): schedules a pass, never blocks. */
  public void onState(ClusterState state) {
    latest.set(state);
    if (started) {
      schedule(0);
    }
  }

  /** Starts reconciling, once the Raft server runs. */
  public void start() {
    started = true;
    executor.scheduleWithFixedDelay(() -> schedule(0), PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    schedule(0);
  }

  private void schedule(long delayMs) {
    if (scheduled.compareAndSet(false, true)) {
      executor.schedule(this::pass, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void pass() {
    scheduled.set(false);
    ClusterState state = latest.get();
    if (state == null) {
      return;
    }
    try {
      reconcile(state);
    } catch (Exception e) {
      LOG.warn("shard reconcile failed, retrying in {} ms: {}", RETRY_DELAY_MS, e.toString());
      schedule(RETRY_DELAY_MS);
    }
  }

  private void reconcile(ClusterState state) throws Exception {
    Set<RaftGroupId> local = raft.localGroups();
    for (Keyspace keyspace : state.keyspaces().values()) {
      for (ShardPlacement shard : keyspace.placement()) {
        RaftGroupId groupId = RaftGroupId.valueOf(UUID.fromString(shard.groupId()));
        if (!shard.replicas().contains(selfId)) {
          continue;
        }
        if (!local.contains(groupId)) {
          boolean existing = raft.hasStorage(groupId);
          LOG.info("starting {} replica of {} shard {} (group {})", existing ? "existing" : "new", keyspace.name(),
              shard.shard(), groupId);
          raft.addGroup(service.group(shard), !existing);
        } else if (lostItsConfiguration(groupId)) {
          LOG.warn("replica of {} shard {} (group {}) has no configuration (crashed before its first log entry); "
              + "re-registering it with its peers", keyspace.name(), shard.shard(), groupId);
          raft.removeGroup(groupId, false);
          raft.addGroup(service.group(shard), false);
        } else {
          maybeHandBackLeadership(shard, groupId);
        }
      }
    }
    leadership.keySet().retainAll(local);
    for (RaftGroupId groupId : local) {
      if (state.retiredGroups().contains(groupId.getUuid().toString())) {
        LOG.info("removing replica of retired group {}", groupId);
        if (raft.division(groupId).getStateMachine() instanceof KvShardStateMachine shard) {
          raft.removeGroup(groupId, true);
          shard.deleteData();
        }
      }
    }
  }

  private void maybeHandBackLeadership(ShardPlacement shard, RaftGroupId groupId) throws java.io.IOException {
    var info = raft.division(groupId).getInfo();
    String preferred = shard.preferredLeader();
    if (!info.isLeader() || preferred == null || preferred.equals(selfId) || !shard.replicas().contains(preferred)) {
      leadership.remove(groupId);
      return;
    }
    long now = System.nanoTime();
    Leadership current = leadership.get(groupId);
    if (current == null || current.term() != info.getCurrentTerm()) {
      leadership.put(groupId, new Leadership(info.getCurrentTerm(), now));
      return;
    }
    if (now - current.sinceNanos() < TimeUnit.MILLISECONDS.toNanos(HAND_BACK_AFTER_MS)) {
      return;
    }
    leadership.put(groupId, new Leadership(current.term(), now)); // the next attempt, if any, waits again
    if (!answeredRecently(info, preferred)) {
      // A transfer to a node that is down or frozen stalls the shard while Ratis waits for it: measured by
      // tutti verify as 3-5 s without writes in the middle of a pause.
      return;
    }
    LOG.info("handing leadership of group {} back to its preferred leader {}", groupId, preferred);
    raft.transferLeadership(groupId, preferred, HAND_BACK_TIMEOUT_MS).whenComplete((reply, failure) -> {
      if (failure != null || !reply.isSuccess()) {
        LOG.info("leadership of group {} stays here for now: {}", groupId,
            failure != null ? failure.toString() : reply.getException());
      }
    });
  }

  /** Whether {@code follower} answered this leader within {@link #RESPONSIVE_WITHIN_MS}. */
  private static boolean answeredRecently(org.apache.ratis.server.DivisionInfo leader, String follower) {
    return leader.getRoleInfoProto().getLeaderInfo().getFollowerInfoList().stream()
        .anyMatch(rpc -> rpc.getId().getId().toStringUtf8().equals(follower)
            && rpc.getLastRpcElapsedTimeMs() < RESPONSIVE_WITHIN_MS);
  }

  /**
   * A replica that closed itself because it has no configuration. A running replica with an empty configuration is
   * normal (a new or returning follower waiting for the leader's entries or snapshot) and is left alone.
   */
  private boolean lostItsConfiguration(RaftGroupId groupId) throws java.io.IOException {
    var division = raft.division(groupId);
    return !division.getInfo().isAlive() && division.getRaftConf().getAllPeers().isEmpty()
        && division.getRaftLog().getLastEntryTermIndex() == null;
  }

  /** Whether every shard placed on this node has its group running here. */
  public boolean allShardsStarted() {
    ClusterState state = latest.get();
    if (state == null) {
      return false;
    }
    Set<RaftGroupId> local = raft.localGroups();
    return state.keyspaces().values().stream().flatMap(k -> k.placement().stream())
        .filter(shard -> shard.replicas().contains(selfId))
        .allMatch(shard -> local.contains(RaftGroupId.valueOf(UUID.fromString(shard.groupId()))));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
