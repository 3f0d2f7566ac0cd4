package io.tutti.core.check;

/**
 * Always-on assertions. Java's {@code assert} is off by default; invariants in Tutti must hold in production too.
 * A failed check is a broken invariant (a bug or corruption), never an operating condition: callers let it propagate.
 */
public final class Check {
  private Check() {}

  /** Throws {@link IllegalStateException} with the formatted message unless {@code condition} holds. */
  public static void state(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(format, args));
    }
  }

  /** Throws {@link IllegalArgumentException} with the formatted message unless {@code condition} holds. */
  public static void argument(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }
}
