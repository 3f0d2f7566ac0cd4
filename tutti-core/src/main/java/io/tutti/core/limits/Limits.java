package io.tutti.core.limits;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.regex.Pattern;

/**
 * Every size bound a request is checked against (DESIGN.md "Limits"). Validated together at start-up
 * ({@link #validate()}) and applied on every request by the {@code check*} methods, which throw a
 * {@link TuttiException} naming the offending input.
 */
public record Limits(
    int keySizeMaxBytes,
    int valueSizeMaxBytes,
    int scanPageMaxItems,
    int requestBodyMaxBytes,
    int shardsPerKeyspaceMax,
    int replicasMax) {

  public static final int SCAN_PAGE_DEFAULT_ITEMS = 1000;
  private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  public static Limits defaults() {
    return new Limits(4 * 1024, 1024 * 1024, 10_000, 2 * 1024 * 1024, 256, 5);
  }

  /** Checks that the limits are consistent with each other; throws {@link IllegalArgumentException} if not. */
  public Limits validate() {
    requirePositive("keySizeMaxBytes", keySizeMaxBytes);
    requirePositive("valueSizeMaxBytes", valueSizeMaxBytes);
    requirePositive("scanPageMaxItems", scanPageMaxItems);
    requirePositive("shardsPerKeyspaceMax", shardsPerKeyspaceMax);
    requirePositive("replicasMax", replicasMax);
    if ((long) keySizeMaxBytes + valueSizeMaxBytes + 1024 > requestBodyMaxBytes) {
      throw new IllegalArgumentException(String.format(
          "requestBodyMaxBytes %d must exceed keySizeMaxBytes %d + valueSizeMaxBytes %d + 1024",
          requestBodyMaxBytes, keySizeMaxBytes, valueSizeMaxBytes));
    }
    return this;
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  public void checkKey(byte[] key) {
    if (key.length == 0) {
      throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "key must not be empty");
    }
    if (key.length > keySizeMaxBytes) {
      throw TuttiException.of(ErrorCode.TOO_LARGE, "key is %d bytes; the limit is %d", key.length, keySizeMaxBytes);
    }
  }

  public void checkValue(byte[] value) {
    if (value.length > valueSizeMaxBytes) {
      throw TuttiException.of(
          ErrorCode.TOO_LARGE, "value is %d bytes; the limit is %d", value.length, valueSizeMaxBytes);
    }
  }

  public void checkPrefix(byte[] prefix) {
    if (prefix.length > keySizeMaxBytes) {
      throw TuttiException.of(
          ErrorCode.TOO_LARGE, "prefix is %d bytes; the limit is %d", prefix.length, keySizeMaxBytes);
    }
  }

  /** Returns the page size to use: the default for 0, else the requested size if within the limit. */
  public int checkScanLimit(long requested) {
    if (requested < 0) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "limit must be >= 0, got %d", requested);
    }
    if (requested > scanPageMaxItems) {
      throw TuttiException.of(ErrorCode.TOO_LARGE, "limit %d is over the page limit %d", requested, scanPageMaxItems);
    }
    return requested == 0 ? Math.min(SCAN_PAGE_DEFAULT_ITEMS, scanPageMaxItems) : (int) requested;
  }

  public static void checkKeyspaceName(String name) {
    if (name == null || !KEYSPACE_NAME.matcher(name).matches()) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
          "bad keyspace name '%s': use 1-63 characters a-z, 0-9, '_' or '-', starting with a letter",
          name == null ? "" : name);
    }
  }

  public void checkShards(int shards) {
    if (shards < 1 || shards > shardsPerKeyspaceMax) {
      throw TuttiException.of(
          ErrorCode.INVALID_ARGUMENT, "shards must be 1..%d, got %d", shardsPerKeyspaceMax, shards);
    }
  }

  public void checkReplicas(int replicas) {
    if (replicas < 1 || replicas > replicasMax) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "replicas must be 1..%d, got %d", replicasMax, replicas);
    }
  }
}
