package io.tutti.cli.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.cli.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Tutti cluster for tests: each node is a separate JVM process ({@code tutti server}) on 127.0.0.1 with free
 * ports, so a test can kill -9 (SIGKILL), stop and restart nodes. Every process is stopped by PID in {@link #close}.
 */
final class ProcessCluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Path baseDir;
  private final int size;
  private final int formingMembers;
  private final List<String> extraFlags;
  private final int[] clientPorts;
  private final int[] peerPorts;
  private final Process[] processes;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  ProcessCluster(Path baseDir, int size, String... extraFlags) throws IOException {
    this(baseDir, size, size, extraFlags);
  }

  /** Nodes 1..{@code formingMembers} form the cluster; later nodes join it through node 1 ({@code --join}). */
  ProcessCluster(Path baseDir, int size, int formingMembers, String... extraFlags) throws IOException {
    this.baseDir = Files.createDirectories(baseDir);
    this.size = size;
    this.formingMembers = formingMembers;
    this.extraFlags = List.of(extraFlags);
    this.clientPorts = new int[size + 1];
    this.peerPorts = new int[size + 1];
    this.processes = new Process[size + 1];
    for (int i = 1; i <= size; i++) {
      clientPorts[i] = freePort();
      peerPorts[i] = freePort();
    }
  }

  /** The output and exit code of a {@code tutti} command run to completion. */
  record Run(int exitCode, String output) {}

  /** Runs {@code tutti args...} in a new JVM, waits at most {@code timeoutSeconds}, and returns its exit code and output. */
  static Run runTutti(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(ChildJvm.command("-XX:TieredStopAtLevel=1"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[][] output = new byte[1][];
    Thread reader = new Thread(() -> {
      try {
        output[0] = process.getInputStream().readAllBytes();
      } catch (IOException e) {
        output[0] = ("(output unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
      }
    });
    reader.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("tutti " + String.join(" ", args) + " did not exit within " + timeoutSeconds + " s");
    }
    reader.join(10_000);
    return new Run(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  String initialMembers() {
    StringBuilder members = new StringBuilder();
    for (int i = 1; i <= formingMembers; i++) {
      members.append(i > 1 ? "," : "").append("n").append(i).append("=127.0.0.1:").append(peerPorts[i]);
    }
    return members.toString();
  }

  Path dataDir(int node) {
    return baseDir.resolve("n" + node);
  }

  Path log(int node) {
    return baseDir.resolve("n" + node + ".log");
  }

  String clientAddress(int node) {
    return "127.0.0.1:" + clientPorts[node];
  }

  void startAll() throws IOException {
    for (int i = 1; i <= formingMembers; i++) {
      start(i);
    }
  }

  void start(int node) throws IOException {
    List<String> command = new ArrayList<>(ChildJvm.command("-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1"));
    command.addAll(List.of("server",
        "--node-id", "n" + node,
        "--data-dir", dataDir(node).toString(),
        "--client-address", clientAddress(node),
        "--peer-address", "127.0.0.1:" + peerPorts[node]));
    command.addAll(node <= formingMembers ? List.of("--initial-members", initialMembers())
        : List.of("--join", clientAddress(1)));
    command.addAll(extraFlags);
    processes[node] = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
  }

  /** SIGKILL: the node gets no chance to flush or say goodbye. */
  void kill9(int node) throws InterruptedException {
    Process process = processes[node];
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then wait for the process to exit. */
  void stop(int node) throws InterruptedException {
    Process process = processes[node];
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  Process process(int node) {
    return processes[node];
  }

  void awaitReady(int... nodes) {
    for (int node : nodes) {
      await("node n" + node + " ready (log " + log(node) + ")").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!processes[node].isAlive()) {
              throw new AssertionError("node n" + node + " exited; log " + log(node) + ":\n" + tail(node));
            }
            return status(node, "GET", "/health/ready", null, Map.of()) == 200;
          });
    }
  }

  void awaitAllReady() {
    for (int i = 1; i <= formingMembers; i++) {
      awaitReady(i);
    }
  }

  String tail(int node) {
    try {
      List<String> lines = Files.readAllLines(log(node));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** An HTTP reply: status, headers (lower-case names) and body. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    String errorCode() throws IOException {
      return json().path("error").path("code").asText();
    }
  }

  Reply request(int node, String method, String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + clientAddress(node) + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> replyHeaders = new HashMap<>();
    response.headers().map().forEach((name, values) -> replyHeaders.put(name.toLowerCase(), values.get(0)));
    return new Reply(response.statusCode(), replyHeaders, response.body());
  }

  int status(int node, String method, String path, byte[] body, Map<String, String> headers) {
    try {
      return request(node, method, path, body, headers).status();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  Reply put(int node, String keyspace, String key, String value) throws IOException, InterruptedException {
    return request(node, "PUT", "/v1/kv/" + keyspace + "/" + key, value.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  Reply get(int node, String keyspace, String key) throws IOException, InterruptedException {
    return request(node, "GET", "/v1/kv/" + keyspace + "/" + key, null, Map.of());
  }

  JsonNode clusterStatus(int node) throws IOException, InterruptedException {
    Reply reply = request(node, "GET", "/v1/cluster", null, Map.of());
    if (reply.status() != 200) {
      throw new IOException("cluster status from n" + node + ": " + reply.status() + " " + reply.text());
    }
    return reply.json();
  }

  /** Node id to the number of shards it leads, per the cluster status of {@code askNode}. */
  Map<String, Integer> leaderCounts(int askNode) throws IOException, InterruptedException {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode shard : clusterStatus(askNode).path("shards")) {
      String leader = shard.path("leader").asText();
      if (!leader.isEmpty()) {
        counts.merge(leader, 1, Integer::sum);
      }
    }
    return counts;
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = 1; i <= size; i++) {
      if (processes[i] != null && processes[i].isAlive()) {
        processes[i].destroyForcibly();
        processes[i].waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
