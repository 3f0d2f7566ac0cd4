package io.tutti.core.read;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.Locale;

/**
 * The consistency a read asks for, and the one a reply states it was served at. Written the same way on every
 * surface (the HTTP header {@code Tutti-Consistency}, the CLI's {@code --consistency}, the gRPC reply):
 * {@code linearizable}, {@code session}, {@code bounded;ms=N} or {@code eventual}.
 *
 * <ul>
 *   <li>{@link Level#LINEARIZABLE}: the read reflects every write acknowledged before it began (ReadIndex on the
 *       shard's leader).
 *   <li>{@link Level#SESSION}: the read reflects every write and read of the session (its {@link SessionToken}); any
 *       replica that has applied that far may answer.
 *   <li>{@link Level#BOUNDED}: the read reflects every write acknowledged more than {@code staleMaxMs} before it
 *       began, as the serving replica can prove with its own monotonic clock.
 *   <li>{@link Level#EVENTUAL}: whatever the receiving node's replica has applied, at once.
 * </ul>
 *
 * @param staleMaxMs the bound of {@link Level#BOUNDED}, 0 for the other levels
 */
public record Consistency(Level level, long staleMaxMs) {
  /** The levels, strongest first. */
  public enum Level {
    LINEARIZABLE, SESSION, BOUNDED, EVENTUAL;

    /** The level's name as written on the wire. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The smallest and largest staleness bound accepted, in milliseconds. */
  public static final long STALE_MAX_MS_MIN = 1;
  public static final long STALE_MAX_MS_MAX = 3_600_000;

  public static final Consistency LINEARIZABLE = new Consistency(Level.LINEARIZABLE, 0);
  public static final Consistency SESSION = new Consistency(Level.SESSION, 0);
  public static final Consistency EVENTUAL = new Consistency(Level.EVENTUAL, 0);

  private static final String BOUNDED_PREFIX = "bounded;ms=";

  public Consistency {
    if (level == null) {
      throw new IllegalArgumentException("level is null");
    }
    if (level == Level.BOUNDED ? staleMaxMs < STALE_MAX_MS_MIN || staleMaxMs > STALE_MAX_MS_MAX : staleMaxMs != 0) {
      throw new IllegalArgumentException(level == Level.BOUNDED
          ? "bounded staleness must be " + STALE_MAX_MS_MIN + ".." + STALE_MAX_MS_MAX + " ms, got " + staleMaxMs
          : level.wireName() + " takes no staleness bound, got " + staleMaxMs);
    }
  }

  /** Bounded staleness: at most {@code staleMaxMs} milliseconds behind. */
  public static Consistency bounded(long staleMaxMs) {
    if (staleMaxMs < STALE_MAX_MS_MIN || staleMaxMs > STALE_MAX_MS_MAX) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "bounded staleness (bounded;ms=N) must be %d..%d ms, "
          + "got %d", STALE_MAX_MS_MIN, STALE_MAX_MS_MAX, staleMaxMs);
    }
    return new Consistency(Level.BOUNDED, staleMaxMs);
  }

  /**
   * Parses the wire form; {@code null} or blank means {@link #LINEARIZABLE}. Case and spaces around the parts do not
   * matter ({@code "Bounded; ms=250"} is accepted). Anything else is INVALID_ARGUMENT, naming what is accepted.
   */
  public static Consistency parse(String text) {
    if (text == null || text.isBlank()) {
      return LINEARIZABLE;
    }
    String compact = text.replace(" ", "").replace("\t", "").toLowerCase(Locale.ROOT);
    switch (compact) {
      case "linearizable":
        return LINEARIZABLE;
      case "session":
        return SESSION;
      case "eventual":
        return EVENTUAL;
      default:
        break;
    }
    if (compact.startsWith(BOUNDED_PREFIX)) {
      String number = compact.substring(BOUNDED_PREFIX.length());
      if (!number.isEmpty() && number.length() <= 10 && number.chars().allMatch(Character::isDigit)) {
        return bounded(Long.parseLong(number));
      }
    }
    throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "bad consistency '%s': use linearizable, session, "
        + "bounded;ms=N (N = %d..%d) or eventual", text.length() > 64 ? text.substring(0, 64) + "…" : text,
        STALE_MAX_MS_MIN, STALE_MAX_MS_MAX);
  }

  /** The wire form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return level == Level.BOUNDED ? BOUNDED_PREFIX + staleMaxMs : level.wireName();
  }
}
