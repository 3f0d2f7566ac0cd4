package io.tutti.verify.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test side of a {@link NetProbe} process: sends commands, waits (bounded) for answers, kills it by PID on close. */
final class Probe implements AutoCloseable {
  static final int PORT = 7001;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Writer input;
  private final Lines lines;

  private Probe(String name, Process process) {
    this.name = name;
    this.process = process;
    this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.lines = new Lines(process);
  }

  /** The command that starts a probe JVM, to be wrapped into a namespace. */
  static List<String> javaCommand() {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classes;
    try {
      classes = Path.of(NetProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classes,
        NetProbe.class.getName());
  }

  /** Starts a probe; call {@link #awaitReady()} before use (start several first, so they boot in parallel). */
  static Probe start(String name, List<String> command) throws IOException {
    return new Probe(name, new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  void awaitReady() throws InterruptedException {
    expect(line -> line.equals("ready"), START_TIMEOUT);
  }

  long pid() {
    return process.pid();
  }

  void listen(String host) throws IOException, InterruptedException {
    send("listen " + host + " " + PORT);
    String answer = expect(line -> line.equals("listening") || line.startsWith("failed listen"), ANSWER_TIMEOUT);
    if (!answer.equals("listening")) {
      throw new IllegalStateException(name + " could not listen on " + host + ": " + answer);
    }
  }

  /** Opens connection {@code connection}; returns "connected" or the exception's simple name. */
  String connect(String connection, String host, Duration timeout) throws IOException, InterruptedException {
    send("connect " + connection + " " + host + " " + PORT + " " + timeout.toMillis());
    String answer = expect(line -> line.equals("connected " + connection)
        || line.startsWith("failed " + connection + " "), timeout.plus(ANSWER_TIMEOUT));
    return answer.startsWith("connected") ? "connected" : answer.substring(("failed " + connection + " ").length());
  }

  void sendOn(String connection, String text) throws IOException, InterruptedException {
    send("send " + connection + " " + text);
    String answer = expect(line -> line.equals("sent " + connection) || line.startsWith("failed " + connection + " "),
        ANSWER_TIMEOUT);
    if (!answer.startsWith("sent")) {
      throw new IllegalStateException(name + " could not send on " + connection + ": " + answer);
    }
  }

  /** Waits at most {@code timeout} for {@code text} to arrive on any accepted connection. */
  Optional<String> awaitReceived(String text, Duration timeout) throws InterruptedException {
    return await(line -> line.equals("recv " + text), timeout);
  }

  private void send(String command) throws IOException {
    input.write(command + "\n");
    input.flush();
  }

  private String expect(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    return await(wanted, timeout).orElseThrow(() -> new IllegalStateException(
        name + " gave no expected answer within " + timeout + "; unclaimed output: " + lines.unclaimed));
  }

  private Optional<String> await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    return lines.await(wanted, timeout);
  }

  /** Kills the probe by PID ({@code ip netns exec} exec'd the JVM, so this is the JVM) and waits, bounded. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (PID " + process.pid() + ") survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
  }

  /** The stdout lines of a process, awaited with a bound; lines nobody waited for yet are kept for later waits. */
  static final class Lines {
    private final BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
    private final List<String> unclaimed = new ArrayList<>();

    Lines(Process process) {
      Thread.ofVirtual().start(() -> {
        try (BufferedReader output = process.inputReader(StandardCharsets.UTF_8)) {
          for (String line = output.readLine(); line != null; line = output.readLine()) {
            arrived.add(line);
          }
        } catch (IOException e) {
          arrived.add("failed output " + e);
        }
      });
    }

    /** The first line (unclaimed earlier, or arriving within {@code timeout}) that {@code wanted} accepts. */
    Optional<String> await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
      for (Iterator<String> earlier = unclaimed.iterator(); earlier.hasNext(); ) {
        String line = earlier.next();
        if (wanted.test(line)) {
          earlier.remove();
          return Optional.of(line);
        }
      }
      long deadlineNs = System.nanoTime() + timeout.toNanos();
      for (long leftNs = timeout.toNanos(); leftNs > 0; leftNs = deadlineNs - System.nanoTime()) {
        String line = arrived.poll(leftNs, TimeUnit.NANOSECONDS);
        if (line == null) {
          break;
        }
        if (wanted.test(line)) {
          return Optional.of(line);
        }
        unclaimed.add(line);
      }
      return Optional.empty();
    }
  }
}
