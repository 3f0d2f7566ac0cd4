package io.tutti.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.server.raft.LocalReplica;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.RaftGroupId;
import org.junit.jupiter.api.Test;

class ReplicaReadsTest {
  private static final long BOUND_MS = 1000;
  private static final byte[] REQUEST = new byte[] {1};

  private final RaftGroupId group = RaftGroupId.valueOf(new java.util.UUID(1, 2));
  private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
  private final FakeReplicas replicas = new FakeReplicas();
  private final ReplicaReads reads = new ReplicaReads(replicas, now::get);

  @Test
  void aBoundedReadWithinTheBoundOfTheLastProofIsAnsweredAtOnceWithoutAnotherProbe() {
    replicas.current = new FakeReplica("a");
    CompletableFuture<byte[]> first = reads.bounded(group, BOUND_MS, REQUEST);
    assertThat(first).isNotDone(); // nothing proven yet: it waits for the probe
    replicas.probes.get(0).complete(null);
    assertThat(text(first.join())).isEqualTo("a");

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(text(reads.bounded(group, BOUND_MS, REQUEST).join())).isEqualTo("a");
    assertThat(replicas.probes).hasSize(1);
  }

  @Test
  void aReplicaStartedAgainIsProbedBeforeItAnswersABoundedRead() {
    proveWith(new FakeReplica("old"));

    // The replica is removed and started again from its storage: it may be replaying its log, far behind.
    replicas.current = new FakeReplica("new");
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
    CompletableFuture<byte[]> read = reads.bounded(group, BOUND_MS, REQUEST);
    assertThat(read).as("the old instance's proof must not vouch for the new one").isNotDone();
    assertThat(replicas.probes).hasSize(2);
    replicas.probes.get(1).complete(null);
    assertThat(text(read.join())).isEqualTo("new");
  }

  @Test
  void aForgottenShardIsProbedAgain() {
    proveWith(new FakeReplica("a"));

    reads.forget(group);
    CompletableFuture<byte[]> read = reads.bounded(group, BOUND_MS, REQUEST);
    assertThat(read).isNotDone();
    assertThat(replicas.probes).hasSize(2);
  }

  @Test
  void aReadPastItsBoundWaitsForAProbeAndIsRefusedWhenTheProbeFails() {
    proveWith(new FakeReplica("a"));

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(BOUND_MS + 1));
    CompletableFuture<byte[]> late = reads.bounded(group, BOUND_MS, REQUEST);
    assertThat(late).isNotDone();
    replicas.probes.get(1).completeExceptionally(new IllegalStateException("no quorum"));
    assertThat(late.join()).as("refused: the leader answers instead").isNull();
  }

  @Test
  void aNodeWithoutAReplicaAnswersNoReplicaRead() {
    assertThat(reads.bounded(group, BOUND_MS, REQUEST).join()).isNull();
    assertThat(reads.eventual(group, REQUEST).join()).isNull();
    assertThat(reads.session(group, 1, REQUEST).join()).isNull();
    assertThat(replicas.probes).isEmpty();
  }

  /** Makes {@code replica} the local one and proves it with a first bounded read, answered after its probe. */
  private void proveWith(FakeReplica replica) {
    replicas.current = replica;
    CompletableFuture<byte[]> proven = reads.bounded(group, BOUND_MS, REQUEST);
    replicas.probes.get(replicas.probes.size() - 1).complete(null);
    assertThat(text(proven.join())).isEqualTo(replica.name());
  }

  private static String text(byte[] reply) {
    return new String(reply, StandardCharsets.UTF_8);
  }

  /** A replica whose every read answers with its name. */
  private record FakeReplica(String name) implements LocalReplica {
    @Override
    public byte[] readLocal(byte[] request) {
      return name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long appliedIndex() {
      return 0;
    }

    @Override
    public CompletableFuture<Void> awaitApplied(long index) {
      return new CompletableFuture<>();
    }
  }

  /** One replica of the group at a time; each probe waits until the test completes it. */
  private static final class FakeReplicas implements ReplicaReads.Replicas {
    LocalReplica current;
    final List<CompletableFuture<Void>> probes = new ArrayList<>();

    @Override
    public LocalReplica local(RaftGroupId groupId) {
      return current;
    }

    @Override
    public CompletableFuture<Void> readThrough(RaftGroupId groupId, byte[] request) {
      if (current == null) {
        return null;
      }
      CompletableFuture<Void> probe = new CompletableFuture<>();
      probes.add(probe);
      return probe;
    }

    @Override
    public Executor offRaftExecutor() {
      return Runnable::run;
    }
  }
}
