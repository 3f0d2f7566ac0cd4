package io.tutti.verify.cluster;

import io.tutti.verify.net.Network;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster under test: one {@code tutti server} process per node, each on its own address of the {@link Network}
 * (so that a partition cuts exactly the nodes it means), started through {@link Network#wrap}. Nodes are numbered
 * 1..N; node i is {@code n<i>}. Every process is stopped by its PID ({@link #close}).
 *
 * <p>Invariant: {@code processes[i]} is the last process started for node i, alive or not; a node is "down" when
 * that process has exited, "paused" while it is stopped with SIGSTOP.
 */
public final class NodeProcesses implements AutoCloseable {
  /** The client and peer ports every node uses on its own address. */
  public static final int CLIENT_PORT = 7101;
  public static final int PEER_PORT = 7201;

  private final Network network;
  private final int size;
  private final List<String> tuttiCommand;
  private final List<String> serverFlags;
  private final Path dataRoot;
  private final Path logRoot;
  private final Process[] processes;
  private final boolean[] paused;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1)).build();

  /**
   * @param tuttiCommand the command that runs {@code tutti} (a JVM with Tutti's class path and main class)
   * @param serverFlags extra flags for every {@code tutti server}, e.g. {@code --unsafe-local-reads}
   */
  public NodeProcesses(Network network, int size, List<String> tuttiCommand, List<String> serverFlags, Path dataRoot,
      Path logRoot) throws IOException {
    this.network = network;
    this.size = size;
    this.tuttiCommand = List.copyOf(tuttiCommand);
    this.serverFlags = List.copyOf(serverFlags);
    this.dataRoot = Files.createDirectories(dataRoot);
    this.logRoot = Files.createDirectories(logRoot);
    this.processes = new Process[size + 1];
    this.paused = new boolean[size + 1];
  }

  public int size() {
    return size;
  }

  public static String nodeId(int node) {
    return "n" + node;
  }

  public String clientAddress(int node) {
    return network.address(node) + ":" + CLIENT_PORT;
  }

  public List<String> clientAddresses() {
    List<String> addresses = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      addresses.add(clientAddress(i));
    }
    return addresses;
  }

  public Path log(int node) {
    return logRoot.resolve(nodeId(node) + ".log");
  }

  private String initialMembers() {
    StringBuilder members = new StringBuilder();
    for (int i = 1; i <= size; i++) {
      members.append(i > 1 ? "," : "").append(nodeId(i)).append('=').append(network.address(i)).append(':')
          .append(PEER_PORT);
    }
    return members.toString();
  }

  public void startAll() throws IOException {
    for (int i = 1; i <= size; i++) {
      start(i);
    }
  }

  /** Starts node {@code node}'s process (again, after a kill: same data directory, same identity). */
  public synchronized void start(int node) throws IOException {
    if (processes[node] != null && processes[node].isAlive()) {
      throw new IllegalStateException("node " + nodeId(node) + " is already running (pid " + processes[node].pid()
          + ")");
    }
    List<String> command = new ArrayList<>(tuttiCommand);
    command.addAll(List.of("server",
        "--node-id", nodeId(node),
        "--data-dir", dataRoot.resolve(nodeId(node)).toString(),
        "--client-address", clientAddress(node),
        "--peer-address", network.address(node) + ":" + PEER_PORT,
        "--initial-members", initialMembers()));
    command.addAll(serverFlags);
    processes[node] = new ProcessBuilder(network.wrap(node, command)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
    paused[node] = false;
  }

  public synchronized boolean isRunning(int node) {
    return processes[node] != null && processes[node].isAlive();
  }

  public synchronized long pid(int node) {
    return processes[node] == null ? -1 : processes[node].pid();
  }

  /** SIGKILL, and waits (bounded) until the process is gone. */
  public void kill(int node) throws InterruptedException {
    Process process;
    synchronized (this) {
      process = processes[node];
      paused[node] = false;
    }
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("node " + nodeId(node) + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
    }
  }

  /** SIGSTOP: the process stays, frozen, with its sockets open. */
  public void pause(int node) throws IOException, InterruptedException {
    signal(node, "STOP");
    synchronized (this) {
      paused[node] = true;
    }
  }

  /** SIGCONT. */
  public void resume(int node) throws IOException, InterruptedException {
    signal(node, "CONT");
    synchronized (this) {
      paused[node] = false;
    }
  }

  public synchronized boolean isPaused(int node) {
    return paused[node];
  }

  private void signal(int node, String signal) throws IOException, InterruptedException {
    long pid = pid(node);
    if (pid < 0 || !isRunning(node)) {
      return;
    }
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new IOException("kill -" + signal + " " + pid + " failed: "
          + new String(kill.getInputStream().readAllBytes()).strip());
    }
  }

  /** Whether node {@code node} answers {@code /health/ready} with 200 within a second. */
  public boolean isReady(int node) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + clientAddress(node) + "/health/ready"))
          .timeout(Duration.ofSeconds(1)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits until every node is ready; fails naming the first node that is not (and its log) after {@code bound}. */
  public void awaitAllReady(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    for (int i = 1; i <= size; i++) {
      while (!isReady(i)) {
        if (!isRunning(i)) {
          throw new IllegalStateException("node " + nodeId(i) + " exited while starting; see " + log(i));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node " + nodeId(i) + " was not ready within " + bound.toSeconds()
              + " s; see " + log(i));
        }
        Thread.sleep(100); // polling interval of a bounded wait, not synchronisation
      }
    }
  }

  /** Resumes paused nodes and starts nodes that are down. */
  public void restoreAll() throws IOException, InterruptedException {
    for (int i = 1; i <= size; i++) {
      if (isPaused(i)) {
        resume(i);
      }
      if (!isRunning(i)) {
        start(i);
      }
    }
  }

  /** Resumes and SIGTERMs every node, then SIGKILLs what is left after 20 s. Never throws. */
  @Override
  public void close() {
    for (int i = 1; i <= size; i++) {
      try {
        if (isPaused(i)) {
          resume(i);
        }
      } catch (IOException | InterruptedException e) {
        // SIGKILL below reaches a stopped process too
      }
      Process process = processes[i];
      if (process != null && process.isAlive()) {
        process.destroy();
      }
    }
    for (int i = 1; i <= size; i++) {
      Process process = processes[i];
      if (process == null) {
        continue;
      }
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
