package io.tutti.bench;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;

/**
 * What each operation is: {@code put} (every operation writes), {@code get} (every operation reads a preloaded key)
 * or {@code mixed:READ_PCT} (each operation reads with that probability, else writes).
 */
public record Workload(String name, int readPercent) {
  public static final Workload PUT = new Workload("put", 0);
  public static final Workload GET = new Workload("get", 100);

  public Workload {
    if (readPercent < 0 || readPercent > 100) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--workload: read percentage must be 0..100, got %d",
          readPercent);
    }
  }

  /** {@code put}, {@code get} or {@code mixed:N} with N in 0..100. */
  public static Workload parse(String text) {
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("put")) {
      return PUT;
    }
    if (value.equals("get")) {
      return GET;
    }
    if (value.startsWith("mixed:")) {
      try {
        int percent = Integer.parseInt(value.substring("mixed:".length()));
        return new Workload("mixed:" + percent, percent);
      } catch (NumberFormatException e) {
        // falls through to the one error message below
      }
    }
    throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
        "--workload must be put, get or mixed:READ_PCT (0..100), got '%s'", text);
  }

  /** Whether the keys must exist before measuring: any workload that reads. */
  public boolean reads() {
    return readPercent > 0;
  }

  @Override
  public String toString() {
    return name;
  }
}
