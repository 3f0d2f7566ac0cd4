package io.tutti.client;

import java.nio.charset.StandardCharsets;

/** One key of a scan page with its value and version. */
public record Item(byte[] key, byte[] value, long version) {
  public String keyAsString() {
    return new String(key, StandardCharsets.UTF_8);
  }

  public String valueAsString() {
    return new String(value, StandardCharsets.UTF_8);
  }
}
