package io.tutti.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tutti.core.error.ErrorCode;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Turns what a gRPC call reports into a {@link TuttiClientException}, in one place. A node's own answer carries the
 * trailers {@code tutti-error-code} and {@code tutti-retryable}; without them (a transport failure, a client-side
 * deadline, a proxy) the gRPC status code decides, following DESIGN.md's error table backwards.
 */
final class ErrorMapping {
  static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("tutti-error-code", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> RETRYABLE = Metadata.Key.of("tutti-retryable", Metadata.ASCII_STRING_MARSHALLER);

  private ErrorMapping() {}

  /** The Tutti error for a failed call to {@code endpoint}. */
  static TuttiClientException toClientException(Throwable failure, String endpoint) {
    if (failure instanceof TuttiClientException e) {
      return e;
    }
    if (!(failure instanceof StatusRuntimeException sre)) {
      return new TuttiClientException(ErrorCode.UNAVAILABLE, "cannot reach " + endpoint + ": " + describe(failure),
          true, failure);
    }
    Status status = sre.getStatus();
    ErrorCode code = tuttiCode(sre.getTrailers());
    boolean fromNode = code != null;
    if (code == null) {
      code = fromGrpcStatus(status.getCode());
    }
    boolean retryable = code.retryable();
    String retryableTrailer = sre.getTrailers() == null ? null : sre.getTrailers().get(RETRYABLE);
    if (retryableTrailer != null) {
      retryable = Boolean.parseBoolean(retryableTrailer);
    }
    String message;
    if (fromNode && status.getDescription() != null) {
      message = status.getDescription();
    } else if (!maybeReachedNode(sre)) {
      message = "cannot reach " + endpoint + " (" + describe(sre) + ")";
    } else if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      message = "no answer from " + endpoint + " in time";
    } else if (status.getCause() != null || status.getDescription() == null) {
      message = endpoint + ": " + status.getCode()
          + (status.getCause() == null ? "" : " (" + describe(status.getCause()) + ")");
    } else {
      message = endpoint + ": " + status.getDescription();
    }
    return new TuttiClientException(code, message, retryable, sre);
  }

  /** Tutti's code from the trailers, or null when absent or unknown to this client version. */
  static ErrorCode tuttiCode(Metadata trailers) {
    String name = trailers == null ? null : trailers.get(ERROR_CODE);
    if (name == null) {
      return null;
    }
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The fallback when a reply has no Tutti code: DESIGN.md's error table read from the gRPC column. */
  static ErrorCode fromGrpcStatus(Status.Code status) {
    return switch (status) {
      case INVALID_ARGUMENT, OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
      case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
      case PERMISSION_DENIED -> ErrorCode.PERMISSION_DENIED;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case ALREADY_EXISTS -> ErrorCode.ALREADY_EXISTS;
      case FAILED_PRECONDITION -> ErrorCode.VERSION_MISMATCH;
      case RESOURCE_EXHAUSTED -> ErrorCode.RATE_LIMITED;
      case UNIMPLEMENTED -> ErrorCode.NOT_SUPPORTED;
      case UNAVAILABLE, ABORTED, CANCELLED -> ErrorCode.UNAVAILABLE;
      case DEADLINE_EXCEEDED -> ErrorCode.OUTCOME_UNKNOWN;
      case OK, UNKNOWN, INTERNAL, DATA_LOSS -> ErrorCode.INTERNAL;
    };
  }

  /**
   * Whether the request may have reached a node. False only when the transport proves it was never sent: the
   * connection could not be opened (refused, timed out while connecting, no such host), so there was no connection
   * to carry it, and a write that failed so is certainly not applied. gRPC-Java fails such a call with UNAVAILABLE
   * caused by the connect error; a connection that broke after opening fails with another cause and counts as
   * reached.
   */
  static boolean maybeReachedNode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) {
        return false;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return true;
  }

  /**
   * Whether a failure says something about the node itself (unreachable, silent, or refusing as it stops) rather
   * than about the request or the shard; such failures count against the node's circuit breaker.
   */
  static boolean isNodeFailure(Throwable failure) {
    if (!(failure instanceof StatusRuntimeException sre)) {
      return true;
    }
    ErrorCode code = tuttiCode(sre.getTrailers());
    if (code == null) {
      return switch (sre.getStatus().getCode()) {
        case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, INTERNAL -> true;
        default -> false;
      };
    }
    return code == ErrorCode.UNAVAILABLE;
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
  }
}
