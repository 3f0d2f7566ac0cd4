package io.tutti.bench;

import java.nio.charset.StandardCharsets;

/** Benchmark keys: {@code k} and the index, zero-padded to ten digits, so that every key has the same size. */
final class Keys {
  static final int DIGITS = 10;

  private Keys() {}

  static byte[] of(long index) {
    if (index < 0 || index >= 10_000_000_000L) {
      throw new IllegalArgumentException("key index " + index + " is outside 0..9999999999");
    }
    byte[] key = new byte[DIGITS + 1];
    key[0] = 'k';
    long rest = index;
    for (int i = DIGITS; i >= 1; i--) {
      key[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return key;
  }

  static String text(long index) {
    return new String(of(index), StandardCharsets.US_ASCII);
  }
}
