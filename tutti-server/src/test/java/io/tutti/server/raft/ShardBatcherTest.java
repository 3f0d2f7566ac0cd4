package io.tutti.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvCodec;
import io.tutti.core.kv.KvCommand;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.RequestId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.junit.jupiter.api.Test;

/** {@link ShardBatcher} against a fake leader whose replies the test completes by hand. */
class ShardBatcherTest {
  private static final RaftGroupId GROUP = RaftGroupId.randomId();

  /** What the fake leader was asked to append, with the reply it will give. */
  private record Submitted(byte[] entry, CompletableFuture<RaftClientReply> reply) {
    List<KvCommand> commands() {
      return KvCodec.isBatch(entry) ? KvCodec.decodeBatch(entry) : List.of(KvCodec.decodeCommand(entry));
    }

    /** Answers as the state machine would: one Written per command, at {@code index}. */
    void applyAt(long index) {
      List<KvResult> results = new ArrayList<>();
      commands().forEach(command -> results.add(new KvResult.Written(index, index)));
      byte[] bytes = KvCodec.isBatch(entry) ? KvCodec.encodeResults(results) : KvCodec.encodeResult(results.get(0));
      reply.complete(ShardBatcherTest.reply(true, Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes))));
    }
  }

  private final List<Submitted> submitted = new ArrayList<>();
  private boolean leader = true;
  private final ShardBatcher.Submitter leaderReplica = (groupId, message) -> {
    if (!leader) {
      return null;
    }
    Submitted s = new Submitted(message.getContent().toByteArray(), new CompletableFuture<>());
    submitted.add(s);
    return s.reply();
  };
  private final ShardBatcher<KvResult> batcher = ShardBatcher.forWrites(leaderReplica, Runnable::run);

  private int sequence;

  private CompletableFuture<KvResult> put(String key, int valueBytes) {
    KvCommand command = new KvCommand.Put(key.getBytes(StandardCharsets.UTF_8), new byte[valueBytes],
        Condition.ALWAYS, new RequestId(1, 2, ++sequence));
    return batcher.submit(GROUP, command.key(), KvCodec.encodeCommand(command));
  }

  private static RaftClientReply reply(boolean success, Message message) {
    RaftPeerId self = RaftPeerId.valueOf("n1");
    return RaftClientReply.newBuilder().setClientId(ClientId.randomId()).setServerId(self).setGroupId(GROUP)
        .setCallId(1).setSuccess(success).setMessage(message)
        .setException(success ? null : new NotLeaderException(
            org.apache.ratis.protocol.RaftGroupMemberId.valueOf(self, GROUP), null, List.of()))
        .build();
  }

  private static List<String> keys(Submitted s) {
    return s.commands().stream().map(c -> new String(c.key(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aLoneWriteIsSentAtOnceAsAPlainCommand() throws Exception {
    CompletableFuture<KvResult> result = put("a", 10);

    assertThat(submitted).hasSize(1);
    assertThat(KvCodec.isBatch(submitted.get(0).entry())).isFalse();
    submitted.get(0).applyAt(7);
    assertThat(result.get()).isEqualTo(new KvResult.Written(7, 7));
  }

  @Test
  void writesArrivingWhileEntriesAreInFlightGoTogetherInTheNextEntry() throws Exception {
    List<CompletableFuture<KvResult>> first = new ArrayList<>();
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      first.add(put("in-flight-" + i, 10));
    }
    List<CompletableFuture<KvResult>> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(put("queued-" + i, 10));
    }
    assertThat(submitted).hasSize(ShardBatcher.IN_FLIGHT_MAX);
    assertThat(queued).noneMatch(CompletableFuture::isDone);

    submitted.get(0).applyAt(1);

    assertThat(first.get(0).get()).isEqualTo(new KvResult.Written(1, 1));
    assertThat(submitted).hasSize(ShardBatcher.IN_FLIGHT_MAX + 1);
    Submitted batch = submitted.get(ShardBatcher.IN_FLIGHT_MAX);
    assertThat(KvCodec.isBatch(batch.entry())).isTrue();
    assertThat(keys(batch)).containsExactly("queued-0", "queued-1", "queued-2", "queued-3", "queued-4");
    batch.applyAt(3);
    for (CompletableFuture<KvResult> result : queued) {
      assertThat(result.get()).isEqualTo(new KvResult.Written(3, 3));
    }
  }

  @Test
  void twoWritesOnOneKeyNeverShareAnEntry() {
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      put("busy-" + i, 1);
    }
    put("k", 1);
    put("other", 1);
    put("k", 1);
    put("last", 1);

    submitted.get(0).applyAt(1);
    assertThat(keys(submitted.get(ShardBatcher.IN_FLIGHT_MAX))).containsExactly("k", "other", "last");
    submitted.get(1).applyAt(2);
    assertThat(keys(submitted.get(ShardBatcher.IN_FLIGHT_MAX + 1))).containsExactly("k");
  }

  @Test
  void aGroupStopsLookingPastAQueueOfWritesOnOneHotKey() {
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      put("busy-" + i, 1);
    }
    for (int i = 0; i <= ShardBatcher.SKIPPED_MAX; i++) {
      put("hot", 1);
    }
    put("behind", 1);

    submitted.get(0).applyAt(1);
    assertThat(keys(submitted.get(ShardBatcher.IN_FLIGHT_MAX))).containsExactly("hot");
    submitted.get(ShardBatcher.IN_FLIGHT_MAX).applyAt(2);
    assertThat(keys(submitted.get(ShardBatcher.IN_FLIGHT_MAX + 1))).containsExactly("hot", "behind");
  }

  @Test
  void writesOnOneKeyKeepTheirOrderWhileWritesOnOtherKeysGoAhead() throws Exception {
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      put("busy-" + i, 1);
    }
    CompletableFuture<KvResult> first = put("k", 1);
    CompletableFuture<KvResult> second = put("k", 1);
    CompletableFuture<KvResult> other = put("other", 1);
    CompletableFuture<KvResult> third = put("k", 1);

    submitted.get(0).applyAt(1);
    Submitted group = submitted.get(ShardBatcher.IN_FLIGHT_MAX);
    assertThat(keys(group)).containsExactly("k", "other");
    group.applyAt(2);
    assertThat(first.get()).isEqualTo(new KvResult.Written(2, 2));
    assertThat(other.get()).isEqualTo(new KvResult.Written(2, 2));
    assertThat(second).isNotDone();
    assertThat(third).isNotDone();

    Submitted next = submitted.get(ShardBatcher.IN_FLIGHT_MAX + 1);
    assertThat(keys(next)).containsExactly("k");
    next.applyAt(3);
    assertThat(second.get()).isEqualTo(new KvResult.Written(3, 3));
    assertThat(third).isNotDone();

    submitted.get(ShardBatcher.IN_FLIGHT_MAX + 2).applyAt(4);
    assertThat(third.get()).isEqualTo(new KvResult.Written(4, 4));
  }

  @Test
  void anEntryStopsAtTheByteLimit() {
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      put("busy-" + i, 1);
    }
    int third = (int) (ShardBatcher.BATCH_BYTES_MAX / 3);
    for (int i = 0; i < 4; i++) {
      put("big-" + i, third);
    }

    submitted.get(0).applyAt(1);
    assertThat(keys(submitted.get(ShardBatcher.IN_FLIGHT_MAX))).containsExactly("big-0", "big-1");
  }

  @Test
  void whenThisNodeDoesNotLeadEveryWriteFailsAsNotSubmitted() {
    leader = false;
    CompletableFuture<KvResult> result = put("a", 1);

    assertThat(result).isCompletedExceptionally();
    assertThat(cause(result)).isInstanceOf(ShardBatcher.NotSubmittedException.class);
    // And the shard is not stuck: once leader again, the next write goes out.
    leader = true;
    put("b", 1);
    assertThat(submitted).hasSize(1);
  }

  @Test
  void aRefusedEntryFailsEachOfItsWritesAsNotSubmittedAndTheQueueMovesOn() {
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      put("busy-" + i, 1);
    }
    CompletableFuture<KvResult> a = put("a", 1);
    CompletableFuture<KvResult> b = put("b", 1);
    submitted.get(0).applyAt(1);
    Submitted batch = submitted.get(ShardBatcher.IN_FLIGHT_MAX);

    batch.reply().complete(reply(false, Message.EMPTY));

    assertThat(cause(a)).isInstanceOf(ShardBatcher.NotSubmittedException.class);
    assertThat(cause(b)).isInstanceOf(ShardBatcher.NotSubmittedException.class);
    put("c", 1);
    assertThat(keys(submitted.get(submitted.size() - 1))).containsExactly("c");
  }

  @Test
  void getsArrivingWhileReadsAreInFlightShareOneReadAndEachGetsItsOwnReply() throws Exception {
    ShardBatcher<byte[]> reads = ShardBatcher.forReads(leaderReplica, Runnable::run);
    List<CompletableFuture<byte[]>> busy = new ArrayList<>();
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      busy.add(reads.submit(GROUP, key("busy-" + i), key("busy-" + i)));
    }
    CompletableFuture<byte[]> a = reads.submit(GROUP, key("a"), key("a"));
    CompletableFuture<byte[]> again = reads.submit(GROUP, key("a"), key("a"));
    CompletableFuture<byte[]> b = reads.submit(GROUP, key("b"), key("b"));
    ShardMessages.GetReply busyReply = new ShardMessages.GetReply(null, 0, 1);
    submitted.get(0).reply().complete(reply(true, message(ShardMessages.encodeGetReply(busyReply))));

    assertThat(ShardMessages.decodeGetReply(busy.get(0).get()).revision()).isEqualTo(1);
    ShardMessages.Read read = ShardMessages.decodeRead(submitted.get(ShardBatcher.IN_FLIGHT_MAX).entry());
    assertThat(read).isInstanceOf(ShardMessages.Read.MultiGet.class);
    assertThat(((ShardMessages.Read.MultiGet) read).keys()).extracting(k -> new String(k, StandardCharsets.UTF_8))
        .containsExactly("a", "a", "b");
    List<ShardMessages.GetReply> answers = List.of(new ShardMessages.GetReply(key("va"), 4, 9),
        new ShardMessages.GetReply(key("va"), 4, 9), new ShardMessages.GetReply(null, 0, 9));
    submitted.get(ShardBatcher.IN_FLIGHT_MAX).reply().complete(reply(true,
        message(ShardMessages.encodeMultiGetReply(answers))));
    assertThat(ShardMessages.decodeGetReply(a.get()).value()).isEqualTo(key("va"));
    assertThat(ShardMessages.decodeGetReply(again.get()).version()).isEqualTo(4);
    assertThat(ShardMessages.decodeGetReply(b.get()).value()).isNull();
  }

  @Test
  void neitherTheCallerNorTheThreadCompletingAReplySubmitsToRaft() {
    java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
    ShardBatcher<KvResult> queued = ShardBatcher.forWrites(leaderReplica, tasks::add);
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX + 1; i++) {
      queued.submit(GROUP, key("k" + i), KvCodec.encodeCommand(new KvCommand.Put(key("k" + i), new byte[1],
          Condition.ALWAYS, new RequestId(1, 2, ++sequence))));
    }
    assertThat(submitted).isEmpty(); // the callers only queued
    tasks.forEach(Runnable::run);
    tasks.clear();
    assertThat(submitted).hasSize(ShardBatcher.IN_FLIGHT_MAX);

    submitted.get(0).applyAt(1); // Ratis's thread completes the reply (it may hold Ratis's locks)

    assertThat(submitted).hasSize(ShardBatcher.IN_FLIGHT_MAX);
    assertThat(tasks).isNotEmpty();
    tasks.forEach(Runnable::run);
    assertThat(submitted).hasSize(ShardBatcher.IN_FLIGHT_MAX + 1);
  }

  private static byte[] key(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Message message(byte[] bytes) {
    return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
  }

  private static Throwable cause(CompletableFuture<?> future) {
    try {
      future.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
