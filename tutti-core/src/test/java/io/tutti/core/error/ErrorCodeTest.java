package io.tutti.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ErrorCode} is DESIGN.md's error table: one HTTP status, one gRPC status, one retry rule per code. */
class ErrorCodeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "INVALID_ARGUMENT,  400, INVALID_ARGUMENT,    false",
      "UNAUTHENTICATED,   401, UNAUTHENTICATED,     false",
      "PERMISSION_DENIED, 403, PERMISSION_DENIED,   false",
      "NOT_FOUND,         404, NOT_FOUND,           false",
      "VERSION_MISMATCH,  412, FAILED_PRECONDITION, false",
      "TOO_LARGE,         413, INVALID_ARGUMENT,    false",
      "RATE_LIMITED,      429, RESOURCE_EXHAUSTED,  true",
      "NO_QUORUM,         503, UNAVAILABLE,         true",
      "UNAVAILABLE,       503, UNAVAILABLE,         true",
      "OUTCOME_UNKNOWN,   504, DEADLINE_EXCEEDED,   true"})
  void eachCodeMapsAsTheDesignTableSays(ErrorCode code, int http, String grpc, boolean retryable) {
    assertThat(code.httpStatus()).isEqualTo(http);
    assertThat(code.grpcStatus()).isEqualTo(grpc);
    assertThat(code.retryable()).isEqualTo(retryable);
    TuttiException e = TuttiException.of(code, "key %s", "k");
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e).hasMessage("key k");
    assertThat(e.getStackTrace()).as("operating conditions carry no stack trace").isEmpty();
  }
}
