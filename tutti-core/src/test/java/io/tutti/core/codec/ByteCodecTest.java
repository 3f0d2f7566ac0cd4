package io.tutti.core.codec;

import io.tutti.core.TestArbitraries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** {@link ByteWriter} and {@link ByteReader}: what is written is read back, and nothing else is accepted. */
class ByteCodecTest {
  /** One field of a record: its kind decides how it is written and read. */
  sealed interface Field {}

  record VarLongField(long value) implements Field {}

  record LongField(long value) implements Field {}

  record BytesField(byte[] value) implements Field {}

  record StringField(String value) implements Field {}

  record BooleanField(boolean value) implements Field {}

  @Provide
  Arbitrary<List<Field>> records() {
    Arbitrary<Field> field = Arbitraries.oneOf(
        Arbitraries.longs().greaterOrEqual(0).map(VarLongField::new),
        Arbitraries.longs().map(LongField::new),
        TestArbitraries.bytes(0, 300).map(BytesField::new),
        strings().map(StringField::new),
        Arbitraries.of(true, false).map(BooleanField::new));
    return field.list().ofMinSize(1).ofMaxSize(12);
  }

  /** Text that survives UTF-8: no unpaired surrogates. */
  static Arbitrary<String> strings() {
    return Arbitraries.strings().alpha().numeric().withChars("-_/é€中 ").ofMaxLength(20);
  }

  private static byte[] write(List<Field> fields) {
    ByteWriter out = new ByteWriter(0);
    for (Field field : fields) {
      switch (field) {
        case VarLongField f -> out.writeVarLong(f.value());
        case LongField f -> out.writeLong(f.value());
        case BytesField f -> out.writeBytes(f.value());
        case StringField f -> out.writeString(f.value());
        case BooleanField f -> out.writeBoolean(f.value());
      }
    }
    assertThat(out.size()).isEqualTo(out.toByteArray().length);
    return out.toByteArray();
  }

  private static void readAndCheck(ByteReader in, List<Field> fields) {
    for (Field field : fields) {
      switch (field) {
        case VarLongField f -> assertThat(in.readVarLong()).isEqualTo(f.value());
        case LongField f -> assertThat(in.readLong()).isEqualTo(f.value());
        case BytesField f -> assertThat(in.readBytes()).isEqualTo(f.value());
        case StringField f -> assertThat(in.readString()).isEqualTo(f.value());
        case BooleanField f -> assertThat(in.readBoolean()).isEqualTo(f.value());
      }
    }
    in.expectEnd();
  }

  @Property(tries = 300)
  void whatIsWrittenIsReadBack(@ForAll("records") List<Field> fields) {
    ByteReader in = new ByteReader(write(fields));
    readAndCheck(in, fields);
    assertThat(in.hasRemaining()).isFalse();
  }

  @Property(tries = 200)
  void everyStrictPrefixOfAnEncodingIsRejected(@ForAll("records") List<Field> fields) {
    byte[] bytes = write(fields);
    for (int length = 0; length < bytes.length; length++) {
      ByteReader truncated = new ByteReader(bytes, 0, length);
      assertThatThrownBy(() -> readAndCheck(truncated, fields)).as("prefix of %d bytes", length)
          .isInstanceOf(ByteReader.MalformedException.class);
    }
  }

  @Property(tries = 200)
  void trailingBytesAreRejected(@ForAll("records") List<Field> fields, @ForAll("trailing") byte[] extra) {
    byte[] bytes = new ByteWriter(0).writeRaw(write(fields)).writeRaw(extra).toByteArray();
    assertThatThrownBy(() -> readAndCheck(new ByteReader(bytes), fields))
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("trailing");
  }

  @Property
  void aReaderOverASliceSeesOnlyTheSlice(@ForAll long value, @ForAll("few") byte[] before,
      @ForAll("few") byte[] after) {
    byte[] bytes = new ByteWriter(0).writeRaw(before).writeLong(value).writeRaw(after).toByteArray();
    ByteReader in = new ByteReader(bytes, before.length, 8);
    assertThat(in.readLong()).isEqualTo(value);
    in.expectEnd();
  }

  @Property
  void varLongsUseOneByteForEverySevenBits(@ForAll @LongRange(min = 0) long value) {
    int bits = 64 - Long.numberOfLeadingZeros(value);
    int expected = Math.max(1, (bits + 6) / 7);
    assertThat(new ByteWriter(0).writeVarLong(value).size()).isEqualTo(expected);
  }

  @Test
  void longsAreBigEndian() {
    assertThat(new ByteWriter(0).writeLong(0x0102030405060708L).toByteArray())
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void negativeVarLongsCannotBeWritten() {
    assertThatThrownBy(() -> new ByteWriter(0).writeVarLong(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void aBooleanIsZeroOrOne() {
    assertThatThrownBy(() -> new ByteReader(new byte[] {2}).readBoolean())
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("boolean byte 2");
  }

  @Test
  void aVarLongOfMoreThanTenBytesIsRejected() {
    byte[] bytes = new byte[11];
    java.util.Arrays.fill(bytes, (byte) 0x80);
    assertThatThrownBy(() -> new ByteReader(bytes).readVarLong()).isInstanceOf(ByteReader.MalformedException.class);
  }

  @Test
  void aVarLongThatOverflowsIntoTheSignBitIsRejected() {
    byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, 0x01};
    assertThatThrownBy(() -> new ByteReader(bytes).readVarLong())
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("negative");
  }

  @Test
  void aVarIntAboveIntegerMaxIsRejected() {
    byte[] bytes = new ByteWriter(0).writeVarLong(Integer.MAX_VALUE + 1L).toByteArray();
    assertThatThrownBy(() -> new ByteReader(bytes).readVarInt()).isInstanceOf(ByteReader.MalformedException.class);
    assertThat(new ByteReader(new ByteWriter(0).writeVarLong(Integer.MAX_VALUE).toByteArray()).readVarInt())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aLengthBeyondTheInputIsRejectedWithoutAllocatingIt() {
    byte[] bytes = new ByteWriter(0).writeVarLong(Integer.MAX_VALUE).writeByte(1).toByteArray();
    assertThatThrownBy(() -> new ByteReader(bytes).readBytes())
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("need " + Integer.MAX_VALUE);
  }

  @Provide
  Arbitrary<byte[]> trailing() {
    return TestArbitraries.bytes(1, 4);
  }

  @Provide
  Arbitrary<byte[]> few() {
    return TestArbitraries.bytes(0, 5);
  }
}
