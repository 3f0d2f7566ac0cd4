package io.tutti.verify.run;

import io.tutti.client.ClusterInfo;
import io.tutti.client.Routing;
import io.tutti.client.TuttiClient;
import io.tutti.core.placement.Sharding;
import io.tutti.verify.cluster.NodeProcesses;
import io.tutti.verify.history.HistoryWriter;
import io.tutti.verify.history.Operation;
import io.tutti.verify.nemesis.Nemesis;
import io.tutti.verify.nemesis.NemesisKind;
import io.tutti.verify.nemesis.Timeline;
import io.tutti.verify.net.Network;
import io.tutti.verify.workload.ClientProcess;
import io.tutti.verify.workload.ReadLevelWorkload;
import io.tutti.verify.workload.Recorder;
import io.tutti.verify.workload.RegisterWorkload;
import io.tutti.verify.workload.SetWorkload;
import io.tutti.verify.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code tutti verify run}: a fresh cluster of node processes on their own addresses, clients working through the
 * Java client while the nemesis injects faults, then heal, liveness, final reads, the checkers, and the report
 * folder. Returns 0 only when every checker passed.
 *
 * <p>Order of a run: start nodes → wait ready → clients + nemesis for {@code time} seconds → stop clients → heal
 * everything and restart what is down → liveness (every node serves a write and a read within a bound) → final reads
 * → check → report.
 */
public final class VerifyRun {
  static final Duration READY_BOUND = Duration.ofSeconds(120);
  static final Duration LIVENESS_BOUND = Duration.ofSeconds(60);
  static final Duration FINAL_READ_BOUND = Duration.ofSeconds(60);

  private final VerifyOptions options;
  private final List<String> tuttiCommand;
  private final Network network;
  private final PrintStream out;
  private final AtomicBoolean stopClients = new AtomicBoolean();

  /**
   * @param tuttiCommand the command line that runs {@code tutti} (JVM, flags, class path, main class)
   */
  public VerifyRun(VerifyOptions options, List<String> tuttiCommand, Network network, PrintStream out) {
    this.options = options.validate();
    this.tuttiCommand = List.copyOf(tuttiCommand);
    this.network = network;
    this.out = out;
  }

  public int run() throws IOException, InterruptedException {
    List<NemesisKind> kinds = new ArrayList<>(options.nemesis().parts());
    List<String> skipped = new ArrayList<>();
    if (kinds.contains(NemesisKind.PARTITION) && !network.canPartition()) {
      kinds.remove(NemesisKind.PARTITION);
      skipped.add("partition");
      out.println("partition nemesis skipped: " + network.partitionUnavailableReason());
      if (kinds.isEmpty()) {
        out.println("result: NOT PASSED (the nemesis asked for could not run)");
        return 1;
      }
    }
    Path dir = reportDirectory();
    out.printf("tutti verify: workload %s, nemesis %s, %d nodes (%s), %d clients, %d s, seed %d%s%n",
        options.workload(), options.nemesis().label(), options.nodes(), mode(network), options.clients(),
        options.timeSeconds(), options.seed(), options.unsafeLocalReads() ? ", servers with --unsafe-local-reads" : "");
    out.println("report: " + dir);
    out.flush();
    Workload workload = switch (options.workload()) {
      case "register" -> new RegisterWorkload(options.keys(), options.readPercent(), options.keyPeriod());
      case "set" -> new SetWorkload();
      default -> new ReadLevelWorkload(options.workload(), options.keys(), options.readPercent(), options.clients());
    };
    List<String> serverFlags = options.unsafeLocalReads() ? List.of("--unsafe-local-reads") : List.of();
    NodeProcesses nodes = new NodeProcesses(network, options.nodes(), tuttiCommand, serverFlags, dir.resolve("data"),
        dir.resolve("nodes"));
    Thread stopNodes = new Thread(nodes::close, "verify-stop-nodes");
    Runtime.getRuntime().addShutdownHook(stopNodes);
    try {
      nodes.startAll();
      nodes.awaitAllReady(READY_BOUND);
      return runOn(nodes, workload, kinds, skipped, dir);
    } finally {
      nodes.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopNodes);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs anyway
      }
      if (!options.keepData()) {
        deleteTree(dir.resolve("data"));
      }
    }
  }

  private int runOn(NodeProcesses nodes, Workload workload, List<NemesisKind> kinds, List<String> skipped, Path dir)
      throws IOException, InterruptedException {
    try (TuttiClient admin = TuttiClient.builder().endpoints(nodes.clientAddresses())
        .requestTimeout(Duration.ofSeconds(5)).build();
         HistoryWriter historyWriter = new HistoryWriter(dir.resolve("history.jsonl"));
         Timeline timeline = new Timeline(dir.resolve("nemesis.jsonl"))) {
      awaitWritable(admin);
      Map<String, Object> minority = null;
      if (workload instanceof ReadLevelWorkload && network.canPartition()) {
        out.println("minority availability: isolating a follower for " + MinorityAvailability.WINDOW.toSeconds()
            + " s and reading through it at each level ...");
        out.flush();
        minority = MinorityAvailability.run(nodes, network, admin);
      } else if (workload instanceof ReadLevelWorkload) {
        out.println("minority availability: skipped (" + network.partitionUnavailableReason() + ")");
      }
      long startNanos = System.nanoTime();
      Recorder recorder = new Recorder(historyWriter, startNanos);
      Nemesis nemesis = new Nemesis(kinds, nodes, network, timeline, options.seed(),
          new Nemesis.Schedule(options.quietMs(), options.faultMs()), recorder::now,
          () -> leaderOfAHotShard(admin, workload, recorder.now()));
      List<Thread> clients = startClients(nodes, workload, recorder);
      nemesis.start();
      long endNanos = startNanos + TimeUnit.SECONDS.toNanos(options.timeSeconds());
      progress(recorder, endNanos);
      stopClients.set(true);
      for (Thread client : clients) {
        client.join(options.requestTimeout().toMillis() * 3 + 10_000);
      }
      long runNanos = recorder.now();
      out.println("healing: network whole, every node resumed and started");
      nemesis.stopAndHeal();
      Liveness liveness = Liveness.check(nodes, READY_BOUND, LIVENESS_BOUND);
      workload.finalReads(admin, nodes.clientAddresses(), recorder, FINAL_READ_BOUND);
      historyWriter.close();
      List<Operation> history = recorder.operations();
      out.printf("checking %,d operations ...%n", history.size());
      out.flush();
      Map<String, Map<String, Object>> checkers = new LinkedHashMap<>(
          workload.check(history, options.checkBudgetPerKey()));
      checkers.put("liveness", liveness.asVerdict());
      if (minority != null) {
        checkers.put("minority-availability", minority);
      }
      RunReport report = new RunReport(options, mode(network), kinds, skipped, nemesis.problems(),
          history, timeline.windows(), runNanos, checkers);
      report.write(dir);
      report.printSummary(out, dir);
      return report.valid() ? 0 : 1;
    }
  }

  private List<Thread> startClients(NodeProcesses nodes, Workload workload, Recorder recorder) {
    List<Thread> threads = new ArrayList<>();
    List<String> addresses = nodes.clientAddresses();
    for (int i = 0; i < options.clients(); i++) {
      List<String> endpoints = new ArrayList<>(addresses);
      java.util.Collections.rotate(endpoints, -(i % addresses.size())); // client i's home node first
      int process = i;
      long seed = new Random(options.seed() * 1_000_003L + i).nextLong();
      Thread thread = new Thread(() -> {
        try (TuttiClient client = TuttiClient.builder().endpoints(endpoints).routing(Routing.ENDPOINTS)
            .requestTimeout(options.requestTimeout()).build()) {
          ClientProcess state = new ClientProcess(process, options.clients(), client, recorder, seed);
          while (!stopClients.get()) {
            workload.step(state);
          }
        }
      }, "verify-client-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    return threads;
  }

  /** Prints a progress line every 10 s until {@code endNanos}. */
  private void progress(Recorder recorder, long endNanos) throws InterruptedException {
    long startNanos = System.nanoTime();
    while (true) {
      long left = endNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 10_000)); // the run's own duration
      List<Operation> ops = recorder.operations();
      long ok = ops.stream().filter(op -> op.type() == io.tutti.verify.history.OpType.OK).count();
      out.printf("  %3d s: %,d operations (%,d ok)%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos),
          ops.size(), ok);
      out.flush();
    }
  }

  /** Waits until a write through any node succeeds (the default keyspace's shards have leaders). */
  private static void awaitWritable(TuttiClient admin) throws InterruptedException {
    long deadline = System.nanoTime() + READY_BOUND.toNanos();
    while (true) {
      try {
        admin.put(Workload.KEYSPACE, "verify/ready", "1");
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the cluster did not accept a write within " + READY_BOUND.toSeconds()
              + " s: " + e.getMessage());
        }
        Thread.sleep(200); // pause between attempts of a bounded retry loop
      }
    }
  }

  /** The node (1..N) that leads the shard of a key the workload uses, from the cluster status, if known. */
  static Optional<Integer> leaderOfAHotShard(TuttiClient admin, Workload workload, long nowNanos) {
    try {
      ClusterInfo status = admin.clusterStatus();
      int shards = status.shards().stream().filter(s -> s.keyspace().equals(Workload.KEYSPACE)).mapToInt(
          s -> s.shard() + 1).max().orElse(0);
      if (shards == 0) {
        return Optional.empty();
      }
      int shard = workload instanceof RegisterWorkload register
          ? Sharding.shardOf(register.keysAt(nowNanos).getFirst().getBytes(StandardCharsets.UTF_8), shards) : 0;
      return status.shards().stream()
          .filter(s -> s.keyspace().equals(Workload.KEYSPACE) && s.shard() == shard && !s.leader().isEmpty())
          .map(s -> Integer.parseInt(s.leader().substring(1)))
          .findFirst();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** How the nodes are addressed, for the report. */
  static String mode(Network network) {
    return switch (network) {
      case io.tutti.verify.net.NamespaceNetwork namespaces -> "network namespaces";
      case io.tutti.verify.net.LoopbackNetwork loopback -> "loopback addresses";
    };
  }

  private Path reportDirectory() throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = options.resultsRoot().resolve(stamp);
    for (int n = 2; Files.exists(dir); n++) {
      dir = options.resultsRoot().resolve(stamp + "-" + n);
    }
    return Files.createDirectories(dir);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // best effort: a leftover data directory is only disk space
        }
      });
    } catch (IOException e) {
      // best effort, as above
    }
  }
}
