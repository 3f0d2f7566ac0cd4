package io.tutti.verify.net;

import io.tutti.core.check.Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs short system commands ({@code ip}, {@code sh}) with a bounded time, capturing their output. */
final class Commands {
  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

  /** Longest any one command may take; {@code ip} normally answers in milliseconds. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /** Markers in stderr of {@code ip} meaning "what you want removed is already gone". */
  private static final List<String> GONE_MARKERS = List.of("No such file or directory", "Cannot find device");

  /** The {@code ip} binary; root's PATH has /usr/sbin on Debian, but a service or CI environment may not. */
  static final String IP = locate("ip");

  /** util-linux {@code nsenter}: enters a network namespace without a mount namespace of its own. */
  static final String NSENTER = locate("nsenter");

  private Commands() {}

  /** What a finished command printed. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    boolean succeeded() {
      return exitCode == 0;
    }

    /** Failed because the thing it was to remove does not exist (any more). */
    boolean failedAsGone() {
      return !succeeded() && GONE_MARKERS.stream().anyMatch(stderr::contains);
    }

    NetworkCommandException failure() {
      return new NetworkCommandException(command, "exited with " + exitCode + ": " + stderr.strip());
    }
  }

  /** {@code ip args...}; throws unless it succeeds. */
  static String ip(String... args) {
    List<String> command = new ArrayList<>(args.length + 1);
    command.add(IP);
    command.addAll(List.of(args));
    Result result = run(command);
    if (!result.succeeded()) {
      throw result.failure();
    }
    return result.stdout();
  }

  /** {@code ip args...}; returns the result whatever the exit code; throws only if it cannot run or times out. */
  static Result ipResult(String... args) {
    List<String> command = new ArrayList<>(args.length + 1);
    command.add(IP);
    command.addAll(List.of(args));
    return run(command);
  }

  /** Runs {@code command} for at most {@link #COMMAND_TIMEOUT}; throws only if it cannot start or times out. */
  static Result run(List<String> command) {
    Check.argument(!command.isEmpty(), "empty command");
    LOG.debug("run: {}", String.join(" ", command));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
    } catch (IOException e) {
      throw new NetworkCommandException(command, "could not start", e);
    }
    // Read both pipes concurrently so that a chatty command cannot block on a full pipe; they end when it exits.
    CompletableFuture<String> stdout = readAll(process.getInputStream());
    CompletableFuture<String> stderr = readAll(process.getErrorStream());
    try {
      if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new NetworkCommandException(command, "did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
      }
      long pipeWaitMs = 1000; // the pipes close at exit; a grandchild holding them open must not hang us
      return new Result(command, process.exitValue(), stdout.get(pipeWaitMs, TimeUnit.MILLISECONDS),
          stderr.get(pipeWaitMs, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new NetworkCommandException(command, "interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new NetworkCommandException(command, "output could not be read", e);
    }
  }

  private static CompletableFuture<String> readAll(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread.ofVirtual().name("command-output").start(() -> {
      try (stream) {
        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException | UncheckedIOException e) {
        text.completeExceptionally(e);
      }
    });
    return text;
  }

  /** True when {@code binary} was found in a system directory (else {@link #locate} left it to PATH). */
  static boolean installed(String binary) {
    return binary.startsWith("/");
  }

  private static String locate(String binary) {
    for (String directory : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      Path candidate = Path.of(directory, binary);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return binary; // let PATH decide; a failure to start then names the command
  }
}
