package io.tutti.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tutti.core.error.ErrorCode;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** DESIGN.md "Errors": the node's trailer decides; without it, the gRPC status read backwards through the table. */
class ErrorMappingTest {
  static StatusRuntimeException fromNode(Status status, String code, String retryable) {
    Metadata trailers = new Metadata();
    trailers.put(ErrorMapping.ERROR_CODE, code);
    if (retryable != null) {
      trailers.put(ErrorMapping.RETRYABLE, retryable);
    }
    return status.asRuntimeException(trailers);
  }

  @Test
  void trailerCodeDistinguishesNoQuorumFromUnavailable() {
    TuttiClientException e = ErrorMapping.toClientException(
        fromNode(Status.UNAVAILABLE.withDescription("no leader for the shard"), "NO_QUORUM", "true"), "n1:1");

    assertThat(e.code()).isEqualTo(ErrorCode.NO_QUORUM);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).isEqualTo("no leader for the shard");
  }

  @Test
  void trailerCodeDistinguishesTooLargeFromInvalidArgument() {
    TuttiClientException e = ErrorMapping.toClientException(
        fromNode(Status.INVALID_ARGUMENT.withDescription("value is 2000000 bytes"), "TOO_LARGE", "false"), "n1:1");

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void casLossWithoutTrailerIsVersionMismatch() {
    TuttiClientException e = ErrorMapping.toClientException(
        Status.FAILED_PRECONDITION.withDescription("expected version 3").asRuntimeException(), "n1:1");

    assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void clientSideDeadlineIsOutcomeUnknownAndRetryable() {
    TuttiClientException e = ErrorMapping.toClientException(Status.DEADLINE_EXCEEDED.asRuntimeException(), "n1:1");

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.retryable()).isTrue();
    assertThat(ErrorMapping.isNodeFailure(Status.DEADLINE_EXCEEDED.asRuntimeException())).isTrue();
  }

  @Test
  void unknownTrailerCodeFallsBackToTheGrpcStatus() {
    TuttiClientException e = ErrorMapping.toClientException(
        fromNode(Status.NOT_FOUND.withDescription("no such lease"), "LEASE_EXPIRED", null), "n1:1");

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void retryableTrailerOverridesTheTable() {
    TuttiClientException e = ErrorMapping.toClientException(
        fromNode(Status.UNAVAILABLE, "UNAVAILABLE", "false"), "n1:1");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void refusedConnectionProvesTheRequestNeverReachedANode() {
    StatusRuntimeException refused = Status.UNAVAILABLE
        .withCause(new ConnectException("Connection refused")).asRuntimeException();

    TuttiClientException e = ErrorMapping.toClientException(refused, "127.0.0.1:9");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.getMessage()).contains("127.0.0.1:9").contains("Connection refused");
    assertThat(ErrorMapping.maybeReachedNode(refused)).isFalse();
    assertThat(ErrorMapping.isNodeFailure(refused)).isTrue();
  }

  @Test
  void answerFromANodeMayHaveBeenApplied() {
    StatusRuntimeException noQuorum = fromNode(Status.UNAVAILABLE, "NO_QUORUM", "true");

    assertThat(ErrorMapping.maybeReachedNode(noQuorum)).isTrue();
    assertThat(ErrorMapping.isNodeFailure(noQuorum)).as("the shard lacks a quorum; the node is fine").isFalse();
  }
}
