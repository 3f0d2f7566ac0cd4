package io.tutti.cli;

import io.tutti.bench.BenchCharts;
import io.tutti.bench.BenchOptions;
import io.tutti.bench.BenchResult;
import io.tutti.bench.BenchRunner;
import io.tutti.bench.Consistency;
import io.tutti.bench.Driver;
import io.tutti.bench.EtcdDriver;
import io.tutti.bench.HostPort;
import io.tutti.bench.KeyDistribution;
import io.tutti.bench.Machine;
import io.tutti.bench.NanoClock;
import io.tutti.bench.RedisDriver;
import io.tutti.bench.Report;
import io.tutti.bench.Target;
import io.tutti.bench.TuttiDriver;
import io.tutti.bench.Workload;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code tutti bench}: load on a running Tutti cluster, etcd or Redis through each one's Java client, with latency
 * percentiles from HdrHistogram. Parses and validates every option (endpoints included) before connecting, then hands
 * over to {@link BenchRunner}; see the {@code io.tutti.bench} package documentation for closed and open loop and
 * inflight. Progress goes to stderr, the summary to stdout; {@code summary.json}, {@code latency.hgrm} and two PNG
 * charts go to the output directory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure throughput and latency of puts and gets against a running Tutti cluster, etcd or Redis, "
        + "with the same keys, values and key choice for each.",
    modelTransformer = BenchCommand.EndpointsByTarget.class,
    footer = {"", "Writes summary.json, latency.hgrm, latency-percentiles.png and throughput.png to --out."})
final class BenchCommand implements Callable<Integer> {
  /** Says what --endpoints (shared with the other client commands) means for each target, and its defaults. */
  static final class EndpointsByTarget implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      List<OptionSpec> options = List.copyOf(spec.options()); // re-added in the same order, help lists them so
      options.forEach(spec::remove);
      for (OptionSpec option : options) {
        spec.addOption(!option.longestName().equals("--endpoints") ? option : option.toBuilder().description(
            "tutti: client addresses of some nodes (default: $" + ClientOptions.ENDPOINTS_ENV + ", else "
                + ClientOptions.ENDPOINTS_DEFAULT + "); etcd: client URLs or HOST:PORT of its members (default "
                + EtcdDriver.DEFAULT_ENDPOINT + "); redis: HOST:PORT of the one server (default "
                + RedisDriver.DEFAULT_ENDPOINT + ")").build());
      }
      return spec;
    }
  }

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Option(names = "--target", defaultValue = "tutti", paramLabel = "tutti|etcd|redis",
      description = "System to drive: Tutti through its Java client, etcd through jetcd, Redis through Lettuce "
          + "(default ${DEFAULT-VALUE})")
  String target;

  @Option(names = "--workload", defaultValue = "put", paramLabel = "put|get|mixed:READ_PCT",
      description = "Operations: all puts, all gets (keys preloaded), or READ_PCT%% gets (default ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--clients", defaultValue = "16", paramLabel = "N",
      description = "Concurrent clients, each with its own connection (etcd, Redis), 1..1024 "
          + "(default ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--inflight", defaultValue = "1", paramLabel = "K",
      description = "Requests each client keeps outstanding at once, each from its own thread (N×K threads, at "
          + "most 4096), 1..256 (default ${DEFAULT-VALUE})")
  int inflight;

  @Option(names = "--keys", defaultValue = "100000", paramLabel = "COUNT",
      description = "Distinct keys, 1..100000000 (default ${DEFAULT-VALUE})")
  long keys;

  @Option(names = "--value-size", defaultValue = "100", paramLabel = "BYTES",
      description = "Value size, 0..1048576 bytes (default ${DEFAULT-VALUE})")
  int valueSizeBytes;

  @Option(names = "--distribution", defaultValue = "uniform", paramLabel = "uniform|zipfian",
      description = "Key choice (default ${DEFAULT-VALUE}); zipfian uses constant 0.99, key 0 the hottest")
  String distribution;

  @Option(names = "--duration", defaultValue = "30", paramLabel = "SECONDS",
      description = "Measured time, 1..3600 s (default ${DEFAULT-VALUE})")
  long durationSeconds;

  @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS",
      description = "Unrecorded time before measuring, 0..600 s (default ${DEFAULT-VALUE}); runs with fewer than 16 "
          + "clients warm up with 16, so the load generator's own JIT is warm. For steady-state figures use 20 or more.")
  long warmupSeconds;

  @Option(names = "--rate", paramLabel = "OPS_PER_S",
      description = "Open loop: send at this total rate and measure latency from each intended send time; the "
          + "summary counts the operations sent more than 1 ms late (default: closed loop, each client sends when "
          + "its previous request returns)")
  Long rateOpsPerSecond;

  @Option(names = "--consistency", paramLabel = "LEVEL",
      description = "Read consistency of gets: linearizable (every target; the default); Tutti: session, "
          + "bounded;ms=N or eventual; etcd: serializable (answered by the receiving member, possibly stale)")
  String consistency;

  @Option(names = "--keyspace", defaultValue = "default", paramLabel = "NAME",
      description = "Tutti keyspace to write and read (default ${DEFAULT-VALUE}); etcd and Redis have none")
  String keyspace;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for keys, operations and values (default: random, "
      + "printed)")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write summary.json, latency.hgrm and the PNG charts (default "
          + "bench-results/<yyyyMMdd-HHmmss>/)")
  Path outDir;

  @Override
  public Integer call() throws Exception {
    BenchOptions options = options();
    NettyLeakDetection.offUnlessSet();
    List<String> endpoints = endpoints(options.target());
    Path out = outDir != null ? outDir
        : Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    PrintWriter err = spec.commandLine().getErr();
    err.printf("tutti bench: %s at %s, %s, %d clients × %d in flight, %s, %s keys, %s reads, seed %d%n",
        options.target(), String.join(",", endpoints), options.workload(), options.clients(), options.inflight(),
        options.openLoop() ? "open loop at " + options.rateOpsPerSecond() + " ops/s" : "closed loop",
        options.distribution().label(), options.consistency(), options.seed());
    err.flush();
    BenchResult result;
    try (Driver driver = open(options, endpoints)) {
      result = new BenchRunner(options, driver, NanoClock.SYSTEM, err).run();
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("endpoints", endpoints);
    extra.put("timeoutMs", client.timeout.toMillis());
    Path summary = Report.write(out, result, extra, Machine.current());
    List<Path> charts = BenchCharts.write(out, result);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(Report.text(result));
    stdout.printf("%-10s %s%n", "summary", summary);
    for (Path chart : charts) {
      stdout.printf("%-10s %s%n", "chart", chart);
    }
    stdout.flush();
    return result.ops() > 0 ? 0 : 1;
  }

  /** The driver of the target, connected: one client connection per --clients where the system has connections. */
  private Driver open(BenchOptions options, List<String> endpoints) {
    if (System.getProperty("tutti.log.level") == null) {
      System.setProperty("tutti.log.level", "WARN"); // jetcd, Vert.x and Lettuce log through logback too
    }
    return switch (options.target()) {
      case TUTTI -> new TuttiDriver(client.connect(), options.keyspace(),
          consistency == null ? io.tutti.core.read.Consistency.LINEARIZABLE
              : io.tutti.core.read.Consistency.parse(consistency));
      case ETCD -> EtcdDriver.connect(HostPort.parseAll(endpoints, Target.ETCD), options.clients(),
          options.consistency(), client.timeout);
      case REDIS -> RedisDriver.connect(HostPort.parseAll(endpoints, Target.REDIS).getFirst(), options.clients(),
          options.consistency(), client.timeout);
    };
  }

  /** --endpoints as given; else Tutti's usual default (or $TUTTI_ENDPOINTS), etcd's or Redis's local port. */
  List<String> endpoints(Target target) {
    return switch (target) {
      case TUTTI -> client.endpointList();
      case ETCD -> client.endpoints == null ? List.of(EtcdDriver.DEFAULT_ENDPOINT) : client.endpointList();
      case REDIS -> client.endpoints == null ? List.of(RedisDriver.DEFAULT_ENDPOINT) : client.endpointList();
    };
  }

  /** The validated options; any bad value is a one-line INVALID_ARGUMENT (exit code 2). */
  BenchOptions options() {
    if (rateOpsPerSecond != null && rateOpsPerSecond < 1) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--rate must be at least 1 operation per second, got %d",
          rateOpsPerSecond);
    }
    if (durationSeconds < 1) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--duration must be 1..%d seconds, got %d",
          BenchOptions.DURATION_MAX.toSeconds(), durationSeconds);
    }
    Target chosenTarget = Target.parse(target);
    if (chosenTarget != Target.TUTTI && spec.commandLine().getParseResult().hasMatchedOption("--keyspace")) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--keyspace is Tutti's; %s has none", chosenTarget);
    }
    if (chosenTarget != Target.TUTTI) {
      HostPort.parseAll(endpoints(chosenTarget), chosenTarget); // refused here, before anything connects
    }
    long chosenSeed = seed != null ? seed : new SecureRandom().nextLong();
    return new BenchOptions(chosenTarget, Workload.parse(workload), clients, inflight, keys, valueSizeBytes,
        KeyDistribution.parse(distribution), Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds),
        rateOpsPerSecond == null ? 0 : rateOpsPerSecond,
        consistency == null ? Consistency.DEFAULT : Consistency.parse(consistency, chosenTarget), keyspace, chosenSeed);
  }
}
