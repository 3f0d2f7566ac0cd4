package io.tutti.core.error;

/**
 * An operating condition reported to a user: carries an {@link ErrorCode} and a one-line message that names the
 * offending input. Never used for broken invariants (those are {@link IllegalStateException}s from Check).
 */
public final class TuttiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public TuttiException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public TuttiException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public static TuttiException of(ErrorCode code, String format, Object... args) {
    return new TuttiException(code, String.format(format, args));
  }

  public ErrorCode code() {
    return code;
  }

  public boolean retryable() {
    return code.retryable();
  }
}
