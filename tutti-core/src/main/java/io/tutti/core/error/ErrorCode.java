package io.tutti.core.error;

/**
 * Tutti's operating conditions, one table for every surface (HTTP, gRPC, CLI, Java client). See DESIGN.md "Errors".
 * The gRPC status is named by its canonical code string so that the core does not depend on gRPC.
 */
public enum ErrorCode {
  INVALID_ARGUMENT(400, "INVALID_ARGUMENT", false),
  UNAUTHENTICATED(401, "UNAUTHENTICATED", false),
  PERMISSION_DENIED(403, "PERMISSION_DENIED", false),
  NOT_FOUND(404, "NOT_FOUND", false),
  METHOD_NOT_ALLOWED(405, "UNIMPLEMENTED", false),
  ALREADY_EXISTS(409, "ALREADY_EXISTS", false),
  VERSION_MISMATCH(412, "FAILED_PRECONDITION", false),
  TOO_LARGE(413, "INVALID_ARGUMENT", false),
  RATE_LIMITED(429, "RESOURCE_EXHAUSTED", true),
  NOT_SUPPORTED(501, "UNIMPLEMENTED", false),
  NO_QUORUM(503, "UNAVAILABLE", true),
  UNAVAILABLE(503, "UNAVAILABLE", true),
  OUTCOME_UNKNOWN(504, "DEADLINE_EXCEEDED", true),
  INTERNAL(500, "INTERNAL", false);

  private final int httpStatus;
  private final String grpcStatus;
  private final boolean retryable;

  ErrorCode(int httpStatus, String grpcStatus, boolean retryable) {
    this.httpStatus = httpStatus;
    this.grpcStatus = grpcStatus;
    this.retryable = retryable;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The canonical gRPC status code name, e.g. {@code "FAILED_PRECONDITION"}. */
  public String grpcStatus() {
    return grpcStatus;
  }

  /** Whether retrying the same request (with the same request id, for writes) is safe and may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
