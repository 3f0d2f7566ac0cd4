package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real etcd or Redis server run as a child process on loopback for a driver test: found on the PATH (the test is
 * skipped, naming the Debian package, when it is not installed), started in a temporary directory with its output in
 * a log file there, ready once it logs its ready line, and stopped by its own PID.
 */
final class ServerProcess implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  static final String INSTALL_HINT = "apt-get install etcd-server redis-server";

  private final Process process;
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The executable {@code name} on the PATH; the calling test is skipped when there is none. */
  static Path binary(String name, String debianPackage) {
    Optional<Path> found = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
        .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    assumeTrue(found.isPresent(), () -> name + " is not installed (Debian package " + debianPackage + "): "
        + INSTALL_HINT);
    return found.orElseThrow();
  }

  /** A TCP port on loopback that nothing listened on a moment ago. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code command} in {@code directory} and waits until its output contains {@code readyLine}. */
  static ServerProcess start(List<String> command, Path directory, String readyLine) throws IOException {
    Path log = directory.resolve("server.log");
    Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess server = new ServerProcess(process, log);
    try {
      Awaitility.await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(50))
          .until(() -> !process.isAlive() || server.output().contains(readyLine));
      assertThat(process.isAlive()).as("%s exited with %s before it was ready; its output:%n%s", command.getFirst(),
          process.isAlive() ? "-" : process.exitValue(), server.output()).isTrue();
    } catch (RuntimeException | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** SIGTERM to this process, by its PID; SIGKILL if it has not exited within {@link #STOP_TIMEOUT}. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
