package io.tutti.client;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.read.Consistency;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A read of one key. {@code value} is null when the key is absent ({@code version} is then 0); {@code revision} is
 * the shard revision the read reflects, {@code servedBy} the node that answered and {@code servedAt} the consistency
 * it was served at (at least the level asked for: a replica that could not serve a weaker read passes it to the
 * leader, which answers linearizably). The value array is the client's own copy and is not copied again.
 */
public record GetResult(byte[] value, long version, long revision, String servedBy, Consistency servedAt) {
  public boolean found() {
    return value != null;
  }

  public Optional<byte[]> valueIfFound() {
    return Optional.ofNullable(value);
  }

  /** The value as UTF-8 text; throws NOT_FOUND when the key is absent. */
  public String valueAsString() {
    if (value == null) {
      throw new TuttiClientException(ErrorCode.NOT_FOUND, "the key does not exist", false);
    }
    return new String(value, StandardCharsets.UTF_8);
  }
}
