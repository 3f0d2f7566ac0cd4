package io.tutti.core.kv;

import io.tutti.core.TestArbitraries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.core.codec.ByteReader;
import io.tutti.core.codec.ByteWriter;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link KvCodec}: log entries, results and stored entries round-trip; damaged encodings are rejected. */
class KvCodecTest {
  @Provide
  Arbitrary<KvCommand> commands() {
    Arbitrary<Long> nonNegative = Arbitraries.longs().greaterOrEqual(0);
    Arbitrary<RequestId> ids = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), nonNegative)
        .as(RequestId::new);
    Arbitrary<Condition> conditions = Arbitraries.oneOf(Arbitraries.just(Condition.ALWAYS),
        Arbitraries.just(Condition.ABSENT), nonNegative.map(Condition.VersionEquals::new));
    Arbitrary<byte[]> keys = TestArbitraries.bytes(1, 40);
    Arbitrary<byte[]> values = TestArbitraries.bytes(0, 200);
    Arbitrary<KvCommand> puts = Combinators.combine(keys, values, conditions, ids).as(KvCommand.Put::new);
    Arbitrary<KvCommand> deletes = Combinators.combine(keys, conditions, ids).as(KvCommand.Delete::new);
    return Arbitraries.oneOf(puts, deletes);
  }

  @Provide
  Arbitrary<KvResult> results() {
    Arbitrary<Long> nonNegative = Arbitraries.longs().greaterOrEqual(0);
    return Arbitraries.oneOf(
        Combinators.combine(nonNegative, nonNegative).as(KvResult.Written::new),
        Combinators.combine(Arbitraries.of(true, false), nonNegative).as(KvResult.Deleted::new),
        Combinators.combine(nonNegative, nonNegative).as(KvResult.ConditionFailed::new));
  }

  @Property(tries = 300)
  void commandsRoundTrip(@ForAll("commands") KvCommand command) {
    KvCommand decoded = KvCodec.decodeCommand(KvCodec.encodeCommand(command));
    assertThat(decoded).usingRecursiveComparison().isEqualTo(command);
    assertThat(decoded.requestId()).isEqualTo(command.requestId());
  }

  @Property(tries = 200)
  void everyStrictPrefixOfACommandIsRejected(@ForAll("commands") KvCommand command) {
    byte[] bytes = KvCodec.encodeCommand(command);
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> KvCodec.decodeCommand(prefix)).as("prefix of %d bytes", length)
          .isInstanceOf(ByteReader.MalformedException.class);
    }
  }

  @Property(tries = 200)
  void aCommandWithTrailingBytesIsRejected(@ForAll("commands") KvCommand command,
      @ForAll("trailing") byte[] extra) {
    byte[] bytes = new ByteWriter(0).writeRaw(KvCodec.encodeCommand(command)).writeRaw(extra).toByteArray();
    assertThatThrownBy(() -> KvCodec.decodeCommand(bytes)).isInstanceOf(ByteReader.MalformedException.class);
  }

  @Property
  void resultsRoundTrip(@ForAll("results") KvResult result) {
    assertThat(KvCodec.decodeResult(KvCodec.encodeResult(result))).isEqualTo(result);
  }

  @Property
  void everyStrictPrefixOfAResultIsRejectedAndSoAreTrailingBytes(@ForAll("results") KvResult result,
      @ForAll("trailing") byte[] extra) {
    byte[] bytes = KvCodec.encodeResult(result);
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> KvCodec.decodeResult(prefix)).as("prefix of %d bytes", length)
          .isInstanceOf(ByteReader.MalformedException.class);
    }
    byte[] longer = new ByteWriter(0).writeRaw(bytes).writeRaw(extra).toByteArray();
    assertThatThrownBy(() -> KvCodec.decodeResult(longer)).isInstanceOf(ByteReader.MalformedException.class);
  }

  @Property
  void storedEntriesRoundTrip(@ForAll("versions") long version, @ForAll("storedValues") byte[] value) {
    KvEntry decoded = KvCodec.decodeEntry(KvCodec.encodeEntry(new KvEntry(version, value)));
    assertThat(decoded.version()).isEqualTo(version);
    assertThat(decoded.value()).isEqualTo(value);
  }

  @Provide
  Arbitrary<Long> versions() {
    return Arbitraries.longs().greaterOrEqual(1);
  }

  @Property
  void aStoredEntryShorterThanItsVersionIsRejected(@ForAll @IntRange(max = 7) int length) {
    assertThatThrownBy(() -> KvCodec.decodeEntry(new byte[length]))
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining(length + " bytes");
  }

  @Test
  void unknownTagsAreRejected() {
    byte[] put = KvCodec.encodeCommand(new KvCommand.Put(new byte[] {1}, new byte[0], Condition.ALWAYS,
        new RequestId(1, 2, 3)));
    byte[] badCommand = put.clone();
    badCommand[0] = 9;
    assertThatThrownBy(() -> KvCodec.decodeCommand(badCommand))
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("command tag 9");
    byte[] badCondition = put.clone();
    badCondition[1 + 8 + 8 + 1] = 7;
    assertThatThrownBy(() -> KvCodec.decodeCommand(badCondition))
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("condition tag");
    assertThatThrownBy(() -> KvCodec.decodeResult(new byte[] {9, 0, 0}))
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("result tag 9");
  }

  @Test
  void requestIdsRoundTripThroughTheirSixteenByteClientId() {
    RequestId id = new RequestId(0x0102030405060708L, 0x8877665544332211L, 42);
    assertThat(RequestId.of(id.clientIdBytes(), 42)).isEqualTo(id);
    assertThat(id).hasToString("01020304050607088877665544332211/42");
    assertThatThrownBy(() -> RequestId.of(new byte[15], 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15");
  }

  @Provide
  Arbitrary<byte[]> trailing() {
    return TestArbitraries.bytes(1, 4);
  }

  @Provide
  Arbitrary<byte[]> storedValues() {
    return TestArbitraries.bytes(0, 100);
  }
}
