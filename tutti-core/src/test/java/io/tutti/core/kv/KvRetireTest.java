package io.tutti.core.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A retired shard (its keyspace is being dropped) changes nothing and answers Retired to everything. */
class KvRetireTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void retiredShardAnswersRetiredAndWritesNothing() {
    InMemoryShard shard = new InMemoryShard();
    KvStateMachine machine = new KvStateMachine(0, 0);
    shard.apply(machine, new KvCommand.Put(bytes("k"), bytes("v"), Condition.ALWAYS, new RequestId(1, 1, 1)), 1, 10);

    KvStateMachine.Applied retire = shard.apply(machine, new KvCommand.Retire(new RequestId(9, 9, 1)), 2, 20);
    assertThat(retire.result()).isEqualTo(new KvResult.Retired(2));
    assertThat(retire.writes()).containsExactly(new StorageWrite.MarkRetired());
    assertThat(machine.retired()).isTrue();
    assertThat(shard.retired).isTrue();

    KvStateMachine.Applied put = shard.apply(machine,
        new KvCommand.Put(bytes("k"), bytes("after"), Condition.ALWAYS, new RequestId(1, 1, 2)), 3, 30);
    assertThat(put.result()).isEqualTo(new KvResult.Retired(3));
    assertThat(put.writes()).isEmpty();
    assertThat(shard.get(bytes("k")).value()).isEqualTo(bytes("v"));
  }

  @Test
  void aRestartedRetiredShardStaysRetired() {
    KvStateMachine machine = new KvStateMachine(5, 100, true);
    InMemoryShard shard = new InMemoryShard();
    KvStateMachine.Applied delete = machine.apply(
        new KvCommand.Delete(bytes("k"), Condition.ALWAYS, new RequestId(1, 1, 1)), 6, 110, shard);
    assertThat(delete.result()).isEqualTo(new KvResult.Retired(6));
    assertThat(delete.writes()).isEmpty();
  }

  @Test
  void retireAndRetiredRoundTripThroughTheCodec() {
    KvCommand retire = new KvCommand.Retire(new RequestId(3, 4, 5));
    KvCommand decoded = KvCodec.decodeCommand(KvCodec.encodeCommand(retire));
    assertThat(decoded).isInstanceOf(KvCommand.Retire.class);
    assertThat(decoded.requestId()).isEqualTo(retire.requestId());
    assertThat(KvCodec.decodeResult(KvCodec.encodeResult(new KvResult.Retired(42))))
        .isEqualTo(new KvResult.Retired(42));
  }
}
