package io.tutti.cli;

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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tutti dev}: a local cluster of N node processes on 127.0.0.1 with DESIGN.md's ports (client 7100+i, peer
 * 7200+i). Data stays in {@code --data} between runs, so running it again brings the same cluster back.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Run a local cluster of N nodes (separate processes) until Ctrl-C.")
final class DevCommand implements Callable<Integer> {
  static final int CLIENT_PORT_BASE = 7100;
  static final int PEER_PORT_BASE = 7200;
  private static final long READY_TIMEOUT_MS = 90_000;

  @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes (default ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--data", defaultValue = "tutti-data/dev", description = "Data directory (default ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--client-port-base", defaultValue = "" + CLIENT_PORT_BASE, paramLabel = "PORT",
      description = "Node i serves clients on PORT+i (default ${DEFAULT-VALUE})")
  int clientPortBase;

  @Option(names = "--peer-port-base", defaultValue = "" + PEER_PORT_BASE, paramLabel = "PORT",
      description = "Node i talks to its peers on PORT+i (default ${DEFAULT-VALUE})")
  int peerPortBase;

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || nodes > 9) {
      throw new io.tutti.core.error.TuttiException(io.tutti.core.error.ErrorCode.INVALID_ARGUMENT,
          "--nodes must be 1..9, got " + nodes);
    }
    for (int base : new int[] {clientPortBase, peerPortBase}) {
      if (base < 1024 || base + nodes > 65535) {
        throw new io.tutti.core.error.TuttiException(io.tutti.core.error.ErrorCode.INVALID_ARGUMENT,
            "--client-port-base and --peer-port-base must be 1024..%d, got %d".formatted(65535 - nodes, base));
      }
    }
    if (Math.abs(clientPortBase - peerPortBase) <= nodes) {
      throw new io.tutti.core.error.TuttiException(io.tutti.core.error.ErrorCode.INVALID_ARGUMENT,
          "client ports %d+i and peer ports %d+i overlap".formatted(clientPortBase, peerPortBase));
    }
    StringBuilder members = new StringBuilder();
    for (int i = 1; i <= nodes; i++) {
      members.append(i > 1 ? "," : "").append("n").append(i).append("=127.0.0.1:").append(peerPortBase + i);
    }
    List<Process> processes = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(processes), "dev-shutdown"));
    for (int i = 1; i <= nodes; i++) {
      Path dir = data.resolve("n" + i);
      Files.createDirectories(dir);
      List<String> command = new ArrayList<>(ChildJvm.command(nodeJvmFlags()));
      command.addAll(List.of("server",
          "--node-id", "n" + i,
          "--data-dir", dir.toString(),
          "--client-address", "127.0.0.1:" + (clientPortBase + i),
          "--peer-address", "127.0.0.1:" + (peerPortBase + i),
          "--initial-members", members.toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile())).start();
      processes.add(process);
    }
    System.out.printf("starting %d nodes (data in %s, logs in %s/n*/node.log)%n", nodes, data.toAbsolutePath(),
        data);
    for (int i = 1; i <= nodes; i++) {
      System.out.printf("  n%d  client http://127.0.0.1:%d  peer 127.0.0.1:%d  pid %d%n", i, clientPortBase + i,
          peerPortBase + i, processes.get(i - 1).pid());
    }
    if (!awaitReady(processes)) {
      stopAll(processes);
      return 1;
    }
    System.out.printf("cluster ready. Try: curl -X PUT localhost:%d/v1/kv/default/hello -d world%n",
        clientPortBase + 1);
    System.out.println("Ctrl-C stops every node; data is kept for the next run.");
    for (Process process : processes) {
      process.waitFor();
    }
    return 0;
  }

  /**
   * Each node's JVM flags: a 512 MiB heap with the Z garbage collector, then whatever {@code TUTTI_NODE_JAVA_OPTS}
   * adds (split at whitespace; a later flag wins, so {@code -Xmx1g} there replaces the default heap). For profiling,
   * heap sizing and GC logs of the dev nodes without touching the launcher's own JVM.
   */
  static String[] nodeJvmFlags() {
    return nodeJvmFlags(System.getenv("TUTTI_NODE_JAVA_OPTS"), Runtime.version().feature());
  }

  /**
   * ZGC, not G1: G1's young pauses on the nodes under 100-client puts took 17 ms at the median and up to 49 ms,
   * about once a second per node, and every request that met one waited it out. With ZGC the put p99 was lower in
   * every run, and so was the read p99.9 (docs/benchmarks.md, session 8). ZGC is generational by default from JDK 23;
   * JDK 21 and 22 need {@code -XX:+ZGenerational}. When the extra flags choose a collector themselves
   * ({@code -XX:+Use...GC}), no collector is added, since two would make the JVM refuse to start.
   */
  static String[] nodeJvmFlags(String extra, int javaFeatureVersion) {
    List<String> extraFlags = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    List<String> flags = new ArrayList<>(List.of("-Xmx512m"));
    boolean collectorChosen = extraFlags.stream().anyMatch(f -> f.startsWith("-XX:+Use") && f.endsWith("GC"));
    if (!collectorChosen) {
      flags.add("-XX:+UseZGC");
      if (javaFeatureVersion < 23) {
        flags.add("-XX:+ZGenerational");
      }
    }
    flags.addAll(extraFlags);
    return flags.toArray(String[]::new);
  }

  private boolean awaitReady(List<Process> processes) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
    boolean[] ready = new boolean[processes.size()];
    int readyCount = 0;
    while (readyCount < processes.size()) {
      for (int i = 0; i < processes.size(); i++) {
        if (ready[i]) {
          continue;
        }
        if (!processes.get(i).isAlive()) {
          System.err.printf("node n%d exited with code %d; last lines of %s:%n", i + 1,
              processes.get(i).exitValue(), data.resolve("n" + (i + 1)).resolve("node.log"));
          printTail(data.resolve("n" + (i + 1)).resolve("node.log"));
          return false;
        }
        try {
          HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + (clientPortBase + i + 1) + "/health/ready"))
              .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            ready[i] = true;
            readyCount++;
            System.out.printf("  n%d ready%n", i + 1);
          }
        } catch (IOException e) {
          // not listening yet
        }
      }
      if (System.nanoTime() > deadline) {
        System.err.printf("the cluster was not ready within %d s; see the node logs in %s%n",
            READY_TIMEOUT_MS / 1000, data);
        return false;
      }
      Thread.sleep(250); // polling interval while waiting for readiness, not synchronisation
    }
    return true;
  }

  private static void printTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(line -> System.err.println("    " + line));
    } catch (IOException e) {
      System.err.println("    (cannot read the log: " + e.getMessage() + ")");
    }
  }

  private static void stopAll(List<Process> processes) {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
