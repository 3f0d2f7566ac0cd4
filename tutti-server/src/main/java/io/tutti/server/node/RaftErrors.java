package io.tutti.server.node;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.StateMachineException;

/**
 * Turns what Ratis reports into Tutti's error table, in one place. The rule for writes: unless Ratis proves the
 * write was not applied, the outcome is unknown (OUTCOME_UNKNOWN), never a failure.
 */
final class RaftErrors {
  private RaftErrors() {}

  /**
   * The shard the node routed to is retired ({@code retired}: its keyspace is being dropped) or its group is not
   * running on the replica asked (not yet: a new keyspace; or no longer: a dropped one). The caller re-reads the
   * metadata and routes again.
   */
  static final class StalePlacementException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retired;

    private StalePlacementException(String message, Throwable cause, boolean retired) {
      super(message, cause, false, false);
      this.retired = retired;
    }

    /** The group is not running on the replica asked (GroupMismatchException from Ratis). */
    static StalePlacementException notRunning(Throwable cause) {
      return new StalePlacementException(cause.getMessage(), cause, false);
    }

    /** The shard answered that it is retired. */
    static StalePlacementException retired(String message) {
      return new StalePlacementException(message, null, true);
    }

    boolean retired() {
      return retired;
    }
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Whether a failure may go away by itself (an election, a restart, a fresh client), so the same request may be sent
   * again. Answers from the state machine and stale placement are not transient.
   */
  static boolean transientFailure(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof RaftRetryFailureException && t.getCause() != null) {
      t = unwrap(t.getCause());
    }
    if (t instanceof TuttiException || t instanceof StalePlacementException || t instanceof GroupMismatchException
        || t instanceof StateMachineException) {
      return false;
    }
    return t instanceof IOException || t instanceof RaftRetryFailureException;
  }

  static TuttiException toTutti(Throwable failure, boolean write, String what) {
    Throwable t = unwrap(failure);
    if (t instanceof TuttiException e) {
      return e;
    }
    if (t instanceof RaftRetryFailureException && t.getCause() != null) {
      t = unwrap(t.getCause());
    }
    if (t instanceof StalePlacementException || t instanceof GroupMismatchException) {
      return new TuttiException(ErrorCode.UNAVAILABLE, what + ": the shard is not ready on its replicas");
    }
    if (t instanceof AlreadyClosedException || t instanceof ServerNotReadyException) {
      return new TuttiException(ErrorCode.UNAVAILABLE, what + ": the shard's replica is starting or stopping");
    }
    if (t instanceof NotLeaderException || t instanceof LeaderNotReadyException) {
      return write
          ? new TuttiException(ErrorCode.NO_QUORUM, what + ": no leader for the shard (no quorum?); the write may "
              + "or may not have been applied: retry with the same idempotency key")
          : new TuttiException(ErrorCode.NO_QUORUM, what + ": no leader for the shard (no quorum?)");
    }
    if (t instanceof StateMachineException || t instanceof ReadException && t.getCause() instanceof
        StateMachineException) {
      return new TuttiException(ErrorCode.INTERNAL, what + ": the shard failed to execute the request");
    }
    if (t instanceof TimeoutException || t instanceof IOException || t instanceof CancellationException
        || t instanceof RaftRetryFailureException) {
      return write
          ? new TuttiException(ErrorCode.OUTCOME_UNKNOWN, what + ": no answer from the shard in time; the write may "
              + "or may not have been applied: retry with the same idempotency key")
          : new TuttiException(ErrorCode.UNAVAILABLE, what + ": no answer from the shard in time");
    }
    return new TuttiException(ErrorCode.INTERNAL, what + ": " + t.getClass().getSimpleName(), t);
  }
}
