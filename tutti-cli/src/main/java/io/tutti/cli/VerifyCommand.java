package io.tutti.cli;

import io.tutti.verify.checker.VerifyCheck;
import io.tutti.verify.nemesis.NemesisKind;
import io.tutti.verify.net.Hub;
import io.tutti.verify.net.NamespaceNetwork;
import io.tutti.verify.net.Network;
import io.tutti.verify.net.RunId;
import io.tutti.verify.run.VerifyOptions;
import io.tutti.verify.run.VerifyRun;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tutti verify}: Jepsen-style runs against a fresh cluster, and the checkers on their own. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Prove Tutti's guarantees: run a cluster under faults and check the history (run), or check "
        + "history files (check). See docs/verification.md.",
    subcommands = {VerifyCommand.Run.class, VerifyCommand.Check.class})
final class VerifyCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: run or check");
  }

  /** {@code tutti verify check FILE...}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Check histories for linearizability: Tutti's history.jsonl, Jepsen etcd logs and Porcupine kv "
          + "logs (detected). Prints one line per file; exits 0 only if every file is linearizable.")
  static final class Check implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files")
    List<Path> files;

    @Option(names = "--budget", defaultValue = "60", paramLabel = "SECONDS",
        description = "Search time per key; past it the verdict is unknown, never linearizable (default "
            + "${DEFAULT-VALUE})")
    int budgetSeconds;

    @Override
    public Integer call() {
      return VerifyCheck.run(files, Duration.ofSeconds(budgetSeconds), System.out);
    }
  }

  /** {@code tutti verify run}. */
  @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Start a fresh cluster of node processes, run clients against it while a nemesis injects "
          + "faults, then heal, check liveness and the history, and write a report to verify-results/<time>/.",
          "Exits 0 only when every checker passed."})
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--workload", defaultValue = "register", paramLabel = "register|set|session|bounded|eventual",
        description = {"register: reads, writes and compare-and-sets on a few hot keys, checked for "
            + "linearizability.", "set: unique adds; after healing, a final read must hold every acknowledged "
            + "add.", "session, bounded, eventual: puts and reads at that level on --keys keys, checked for the "
            + "session guarantees, for staleness within bounded;ms=1000, or for every node converging after "
            + "healing (default ${DEFAULT-VALUE})"})
    String workload;

    @Option(names = "--nemesis", defaultValue = "mixed", paramLabel = "none|kill|pause|partition|mixed",
        description = {"kill: SIGKILL and restart a random node, a shard leader or a majority.",
            "pause: SIGSTOP/SIGCONT a random node, a shard leader or a majority.",
            "partition: cut the network into majority/minority halves, isolate a leader, or bridge two halves "
                + "(needs root: network namespaces).",
            "mixed: one of those per fault window (default ${DEFAULT-VALUE})"})
    String nemesis;

    @Option(names = "--nodes", defaultValue = "3", paramLabel = "3|5", description = "Cluster size "
        + "(default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--clients", defaultValue = "10", paramLabel = "N",
        description = "Concurrent clients, spread over the nodes; each sends to its own node first (default "
            + "${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--time", defaultValue = "60", paramLabel = "SECONDS",
        description = "How long clients work under faults (default ${DEFAULT-VALUE})")
    int timeSeconds;

    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of every random choice (default: random, printed); the same seed replays the same "
            + "operations and fault schedule")
    Long seed;

    @Option(names = "--keys", defaultValue = "3", paramLabel = "COUNT",
        description = "Hot keys of the register workload at a time; keys of the read-level workloads "
            + "(default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--key-seconds", defaultValue = "10", paramLabel = "SECONDS",
        description = "The register workload moves to new hot keys this often, keeping each key's history small "
            + "enough to check (default ${DEFAULT-VALUE})")
    double keySeconds;

    @Option(names = "--read-percent", defaultValue = "50", paramLabel = "PCT",
        description = "Share of reads in the register and read-level workloads (default ${DEFAULT-VALUE})")
    int readPercent;

    @Option(names = "--fault-seconds", defaultValue = "10", paramLabel = "SECONDS",
        description = "Mean length of a fault (default ${DEFAULT-VALUE})")
    double faultSeconds;

    @Option(names = "--quiet-seconds", defaultValue = "5", paramLabel = "SECONDS",
        description = "Mean quiet time between faults (default ${DEFAULT-VALUE})")
    double quietSeconds;

    @Option(names = "--request-timeout", defaultValue = "5", paramLabel = "SECONDS",
        description = "Client budget per operation; a write unanswered by then is recorded as info (default "
            + "${DEFAULT-VALUE})")
    double requestTimeoutSeconds;

    @Option(names = "--check-budget", defaultValue = "60", paramLabel = "SECONDS",
        description = "Linearizability search time per key (default ${DEFAULT-VALUE})")
    int checkBudgetSeconds;

    @Option(names = "--results", defaultValue = "verify-results", paramLabel = "DIR",
        description = "Where report folders go (default ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--keep-data", description = "Keep the nodes' data directories in the report folder")
    boolean keepData;

    @Option(names = "--unsafe-local-reads", description = "Start the servers with the debug switch that serves "
        + "linearizable reads from the local replica (stale reads), to see the checker catch it")
    boolean unsafeLocalReads;

    @Override
    public Integer call() throws Exception {
      VerifyOptions options;
      try {
        options = new VerifyOptions(workload, parseNemesis(nemesis), nodes, clients, timeSeconds,
            seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE, keys,
            Duration.ofMillis(Math.round(keySeconds * 1000)), readPercent,
            Math.round(quietSeconds * 1000), Math.round(faultSeconds * 1000),
            Duration.ofMillis(Math.round(requestTimeoutSeconds * 1000)), Duration.ofSeconds(checkBudgetSeconds),
            unsafeLocalReads, results, keepData).validate();
      } catch (IllegalArgumentException e) {
        System.err.println("tutti verify run: " + e.getMessage() + " (see 'tutti verify run --help')");
        return 2;
      }
      String hub = System.getenv(Network.HUB_ENVIRONMENT_VARIABLE);
      if ((hub == null || hub.isEmpty()) && NamespaceNetwork.supported()) {
        return relaunchInHub(options);
      }
      try (Network network = Network.choose(System.getenv(), options.nodes())) {
        return new VerifyRun(options, nodeCommand(), network, System.out).run();
      }
    }

    /**
     * Runs this same command again inside a hub network namespace made for this run, so that the harness's clients
     * reach every node's own address while node-to-node links can be cut. The hub and every namespace of the run
     * are removed when the harness exits, and also after Ctrl-C.
     */
    private int relaunchInHub(VerifyOptions options) throws Exception {
      for (String removed : NamespaceNetwork.cleanLeftovers()) {
        System.out.println("removed leftover namespace " + removed);
      }
      try (Hub hub = NamespaceNetwork.createHub(RunId.ofThisProcess())) {
        List<String> command = new ArrayList<>(ChildJvm.command());
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        if (seed == null) {
          command.addAll(List.of("--seed", Long.toString(options.seed()))); // the seed printed is the seed used
        }
        ProcessBuilder builder = new ProcessBuilder(hub.wrap(command)).inheritIO();
        builder.environment().putAll(hub.environment());
        Process harness = builder.start();
        try {
          return harness.waitFor();
        } finally {
          if (harness.isAlive()) {
            harness.destroy();
          }
        }
      }
    }

    static NemesisKind parseNemesis(String text) {
      try {
        return NemesisKind.valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("nemesis must be none, kill, pause, partition or mixed, got '" + text
            + "'");
      }
    }

    /** How the harness starts {@code tutti server}: this JVM's class path, a small heap, quick start. */
    static List<String> nodeCommand() {
      return ChildJvm.command("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dtutti.ratis.log.level=INFO");
    }
  }
}
