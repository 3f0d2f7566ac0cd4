package io.tutti.cli;

import io.tutti.bench.BenchOptions;
import io.tutti.bench.BenchResult;
import io.tutti.bench.BenchRunner;
import io.tutti.bench.Driver;
import io.tutti.bench.KeyDistribution;
import io.tutti.bench.Machine;
import io.tutti.bench.NanoClock;
import io.tutti.bench.Report;
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
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tutti bench}: load on a running cluster through the Java client, with latency percentiles from HdrHistogram.
 * Parses and validates the options, then hands over to {@link BenchRunner}; see the {@code io.tutti.bench} package
 * documentation for closed and open loop. Progress goes to stderr, the summary to stdout and {@code summary.json}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure throughput and latency of puts and gets against a running cluster.")
final class BenchCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Option(names = "--workload", defaultValue = "put", paramLabel = "put|get|mixed:READ_PCT",
      description = "Operations: all puts, all gets (keys preloaded), or READ_PCT%% gets (default ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--clients", defaultValue = "16", paramLabel = "N",
      description = "Concurrent clients (threads), 1..1024 (default ${DEFAULT-VALUE})")
  int clients;

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
      description = "Unrecorded time before measuring, 0..600 s (default ${DEFAULT-VALUE})")
  long warmupSeconds;

  @Option(names = "--rate", paramLabel = "OPS_PER_S",
      description = "Open loop: send at this total rate and measure latency from each intended send time "
          + "(default: closed loop, each client sends when its previous request returns)")
  Long rateOpsPerSecond;

  @Option(names = "--keyspace", defaultValue = "default", paramLabel = "NAME",
      description = "Keyspace to write and read (default ${DEFAULT-VALUE})")
  String keyspace;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for keys, operations and values (default: random, "
      + "printed)")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write summary.json and latency.hgrm (default bench-results/<yyyyMMdd-HHmmss>/)")
  Path outDir;

  @Override
  public Integer call() throws Exception {
    BenchOptions options = options();
    Path out = outDir != null ? outDir
        : Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    PrintWriter err = spec.commandLine().getErr();
    err.printf("tutti bench: %s, %d clients, %s, %s keys, seed %d%n", options.workload(), options.clients(),
        options.openLoop() ? "open loop at " + options.rateOpsPerSecond() + " ops/s" : "closed loop",
        options.distribution().label(), options.seed());
    err.flush();
    BenchResult result;
    try (Driver driver = new TuttiDriver(client.connect(), options.keyspace())) {
      result = new BenchRunner(options, driver, NanoClock.SYSTEM, err).run();
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("endpoints", client.endpointList());
    extra.put("timeoutMs", client.timeout.toMillis());
    Path summary = Report.write(out, result, extra, Machine.current());
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(Report.text(result));
    stdout.printf("%-10s %s%n", "summary", summary);
    stdout.flush();
    return result.ops() > 0 ? 0 : 1;
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
    long chosenSeed = seed != null ? seed : new SecureRandom().nextLong();
    return new BenchOptions(Workload.parse(workload), clients, keys, valueSizeBytes,
        KeyDistribution.parse(distribution), Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds),
        rateOpsPerSecond == null ? 0 : rateOpsPerSecond, keyspace, chosenSeed);
  }
}
