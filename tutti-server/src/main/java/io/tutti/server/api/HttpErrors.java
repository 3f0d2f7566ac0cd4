package io.tutti.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders errors as DESIGN.md's JSON body, {@code {"error":{"code","message","retryable"}}}; never a stack trace. */
final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
  static final ObjectMapper JSON = new ObjectMapper();

  private HttpErrors() {}

  static HttpResponse response(ErrorCode code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code.name()).put("message", message).put("retryable", code.retryable());
    ResponseHeaders headers = code == ErrorCode.RATE_LIMITED
        ? ResponseHeaders.builder(code.httpStatus()).contentType(MediaType.JSON_UTF_8).add("retry-after", "1").build()
        : ResponseHeaders.builder(code.httpStatus()).contentType(MediaType.JSON_UTF_8).build();
    return HttpResponse.of(headers, com.linecorp.armeria.common.HttpData.ofUtf8(body.toString()));
  }

  static HttpResponse response(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TuttiException e) {
      return response(e.code(), e.getMessage());
    }
    if (t instanceof com.linecorp.armeria.common.ContentTooLargeException) {
      return response(ErrorCode.TOO_LARGE, "request body is over the limit");
    }
    if (t instanceof com.linecorp.armeria.server.HttpStatusException status) {
      return forStatus(status.httpStatus());
    }
    if (t instanceof com.linecorp.armeria.server.HttpResponseException response) {
      return response.httpResponse();
    }
    if (t instanceof io.grpc.StatusRuntimeException grpc && grpc.getStatus().getCode() == io.grpc.Status.Code.CANCELLED) {
      // The client gave up on the call (its deadline passed, it tried another node): nothing went wrong here.
      LOG.debug("a client cancelled its call: {}", grpc.getMessage());
      return response(ErrorCode.UNAVAILABLE, "the call was cancelled by the client");
    }
    LOG.error("unexpected failure serving a request", t);
    return response(ErrorCode.INTERNAL, "internal error (" + t.getClass().getSimpleName() + "); see the node log");
  }

  /** Maps an HTTP status chosen by the web layer itself (body too large, and so on) to the error table. */
  static HttpResponse forStatus(HttpStatus status) {
    return switch (status.code()) {
      case 413 -> response(ErrorCode.TOO_LARGE, "request body is over the limit");
      case 414, 431 -> response(ErrorCode.TOO_LARGE, "request line or headers over the limit");
      case 404 -> response(ErrorCode.NOT_FOUND, "no such route");
      case 405 -> response(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this route");
      case 503 -> response(ErrorCode.UNAVAILABLE, "the node is not serving");
      case 400 -> response(ErrorCode.INVALID_ARGUMENT, "bad request");
      default -> status.code() < 500 ? response(ErrorCode.INVALID_ARGUMENT, status.reasonPhrase())
          : response(ErrorCode.INTERNAL, status.reasonPhrase());
    };
  }
}
