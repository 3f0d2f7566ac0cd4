package io.tutti.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.tutti.core.error.ErrorCode;
import io.tutti.proto.v1.PutRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The real transport's failures, as the retry rule needs them: a call that could not connect provably never reached
 * a node (so a write may be retried anywhere); a call that reached a listening socket and got no answer may have.
 */
class GrpcNodeApiTest {
  static final PutRequest PUT = PutRequest.newBuilder().setKeyspace("default").setKey(ByteString.copyFromUtf8("k"))
      .setValue(ByteString.copyFromUtf8("v")).build();

  @Test
  void refusedConnectionIsProvablyNotSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort(); // closed again below: nothing listens there during the call
    }
    GrpcNodeApi api = new GrpcNodeApi("127.0.0.1:" + closedPort, 1 << 20, Duration.ofSeconds(2));
    try {
      Throwable failure = catchThrowable(() -> api.put(PUT, 5_000));

      assertThat(ErrorMapping.maybeReachedNode(failure)).as("failure %s", failure).isFalse();
      assertThat(ErrorMapping.toClientException(failure, "127.0.0.1:" + closedPort).code())
          .isEqualTo(ErrorCode.UNAVAILABLE);
    } finally {
      api.close();
    }
  }

  @Test
  void silentPeerMayHaveReceivedTheRequest() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try (Socket accepted = silent.accept()) {
          accepted.getInputStream().readAllBytes(); // reads the request, never answers
        } catch (IOException ignored) {
          // the test closed the socket
        }
      });
      GrpcNodeApi api = new GrpcNodeApi("127.0.0.1:" + silent.getLocalPort(), 1 << 20, Duration.ofSeconds(2));
      try {
        Throwable failure = catchThrowable(() -> api.put(PUT, 300));

        assertThat(ErrorMapping.maybeReachedNode(failure)).as("failure %s", failure).isTrue();
        assertThat(ErrorMapping.toClientException(failure, "silent").code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
      } finally {
        api.close();
        acceptor.interrupt();
      }
    }
  }

  @Test
  void nodeThatComesBackIsTriedAtOnceNotAfterGrpcBackoff() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    GrpcNodeApi api = new GrpcNodeApi("127.0.0.1:" + port, 1 << 20, Duration.ofSeconds(2));
    try {
      Throwable down = catchThrowable(() -> api.put(PUT, 5_000));
      assertThat(ErrorMapping.maybeReachedNode(down)).as("failure %s", down).isFalse();

      try (ServerSocket back = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        // Left to gRPC-Java, this call would fail at once from its reconnect backoff (never sent). The failed call
        // retired its channel, so this one connects to the listener that is back and waits for an answer.
        Throwable silent = catchThrowable(() -> api.put(PUT, 300));

        assertThat(ErrorMapping.maybeReachedNode(silent)).as("failure %s", silent).isTrue();
      }
    } finally {
      api.close();
    }
  }
}
