package io.tutti.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer for Tutti's compact binary encodings (log entries, snapshots). */
public final class ByteWriter {
  private byte[] buffer;
  private int size;

  public ByteWriter(int initialCapacityBytes) {
    buffer = new byte[Math.max(16, initialCapacityBytes)];
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }

  public ByteWriter writeByte(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
    return this;
  }

  public ByteWriter writeBoolean(boolean b) {
    return writeByte(b ? 1 : 0);
  }

  public ByteWriter writeLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Unsigned LEB128 variable-length integer; {@code v} must be >= 0. */
  public ByteWriter writeVarLong(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("varlong must be >= 0, got " + v);
    }
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
    return this;
  }

  /** Length-prefixed bytes. */
  public ByteWriter writeBytes(byte[] bytes) {
    writeVarLong(bytes.length);
    return writeRaw(bytes);
  }

  public ByteWriter writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  public ByteWriter writeString(String s) {
    return writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }
}
