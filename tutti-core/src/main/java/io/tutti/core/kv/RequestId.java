package io.tutti.core.kv;

import java.util.HexFormat;

/**
 * Names one logical write across retries: a 128-bit client id and a sequence number unique within that client.
 * A retried write keeps its request id, so the shard applies it once and answers the retry with the first result.
 */
public record RequestId(long clientHigh, long clientLow, long sequence) {
  public byte[] clientIdBytes() {
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (clientHigh >>> (56 - 8 * i));
      out[8 + i] = (byte) (clientLow >>> (56 - 8 * i));
    }
    return out;
  }

  /** Builds a request id from a 16-byte client id; throws {@link IllegalArgumentException} on another length. */
  public static RequestId of(byte[] clientId, long sequence) {
    if (clientId.length != 16) {
      throw new IllegalArgumentException("client id must be 16 bytes, got " + clientId.length);
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (clientId[i] & 0xFF);
      low = (low << 8) | (clientId[8 + i] & 0xFF);
    }
    return new RequestId(high, low, sequence);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(clientIdBytes()) + "/" + sequence;
  }
}
