package io.tutti.client;

import io.tutti.core.error.ErrorCode;

/**
 * The one exception the Tutti client throws: an {@link ErrorCode} from DESIGN.md's error table, a one-line message
 * and whether retrying could succeed. {@link ErrorCode#OUTCOME_UNKNOWN} on a write means it may or may not have been
 * applied; it is never reported as a definite failure.
 */
public final class TuttiClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;
  private final boolean retryable;

  public TuttiClientException(ErrorCode code, String message, boolean retryable) {
    this(code, message, retryable, null);
  }

  public TuttiClientException(ErrorCode code, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.retryable = retryable;
  }

  public ErrorCode code() {
    return code;
  }

  /** Whether the same request (for writes: the same request id, which the client keeps itself) may succeed later. */
  public boolean retryable() {
    return retryable;
  }
}
