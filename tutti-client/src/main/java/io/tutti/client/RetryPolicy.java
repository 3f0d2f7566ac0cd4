package io.tutti.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long and how often the client tries one request. {@code requestTimeout} bounds the whole request, retries
 * included; each attempt gets at most {@code attemptTimeout} of what is left. Between attempts the client waits an
 * exponential backoff with jitter: attempt n waits a uniform time in [base/2, base], base = min(max, initial * 2^n).
 */
record RetryPolicy(Duration requestTimeout, Duration attemptTimeout, int attemptsMax, Duration backoffInitial,
    Duration backoffMax) {
  static final int ATTEMPTS_MAX_LIMIT = 100;

  RetryPolicy {
    require(requestTimeout.isPositive(), "requestTimeout must be > 0, got %s", requestTimeout);
    require(attemptTimeout.isPositive(), "attemptTimeout must be > 0, got %s", attemptTimeout);
    require(attemptsMax >= 1 && attemptsMax <= ATTEMPTS_MAX_LIMIT, "maxAttempts must be 1..%d, got %d",
        ATTEMPTS_MAX_LIMIT, attemptsMax);
    require(!backoffInitial.isNegative() && !backoffMax.isNegative() && backoffInitial.compareTo(backoffMax) <= 0,
        "backoff must satisfy 0 <= initial <= max, got %s and %s", backoffInitial, backoffMax);
  }

  /** The wait after failed attempt number {@code attempt} (1 = the first attempt). */
  long backoffMs(int attempt, RandomGenerator random) {
    long initial = backoffInitial.toMillis();
    long base = backoffMax.toMillis();
    if (attempt - 1 < 62 && initial <= (Long.MAX_VALUE >> (attempt - 1))) {
      base = Math.min(base, initial << (attempt - 1));
    }
    return base <= 1 ? base : base / 2 + random.nextLong(base - base / 2 + 1);
  }

  private static void require(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }
}
