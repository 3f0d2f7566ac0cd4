package io.tutti.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link ByteWriter} wrote. Truncated or malformed input throws {@link MalformedException}: callers that
 * read from disk or the network treat that as corruption, never as a user error.
 */
public final class ByteReader {
  private final byte[] buffer;
  private int position;
  private final int end;

  public ByteReader(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  public ByteReader(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.position = offset;
    this.end = offset + length;
  }

  /** Thrown on truncated or malformed encodings. */
  public static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedException(String message) {
      super(message);
    }
  }

  private void need(int n) {
    if (n < 0 || end - position < n) {
      throw new MalformedException("need " + n + " bytes at offset " + position + ", have " + (end - position));
    }
  }

  public int readByte() {
    need(1);
    return buffer[position++] & 0xFF;
  }

  public boolean readBoolean() {
    int b = readByte();
    if (b > 1) {
      throw new MalformedException("boolean byte " + b + " at offset " + (position - 1));
    }
    return b == 1;
  }

  public long readLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buffer[position++] & 0xFF);
    }
    return v;
  }

  public long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v < 0) {
          throw new MalformedException("negative varlong at offset " + position);
        }
        return v;
      }
    }
    throw new MalformedException("varlong longer than 10 bytes at offset " + position);
  }

  public int readVarInt() {
    long v = readVarLong();
    if (v > Integer.MAX_VALUE) {
      throw new MalformedException("varint " + v + " out of range at offset " + position);
    }
    return (int) v;
  }

  public byte[] readBytes() {
    int length = readVarInt();
    need(length);
    byte[] out = Arrays.copyOfRange(buffer, position, position + length);
    position += length;
    return out;
  }

  public String readString() {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  public boolean hasRemaining() {
    return position < end;
  }

  /** Fails unless every byte was consumed: trailing garbage means a malformed encoding. */
  public void expectEnd() {
    if (position != end) {
      throw new MalformedException((end - position) + " unexpected trailing bytes");
    }
  }
}
