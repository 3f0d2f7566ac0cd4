package io.tutti.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's figures as the summary block printed at the end and as {@code summary.json} (the same figures, plus the
 * options and the machine). Latencies are in milliseconds with two decimals; {@code latency.hgrm} next to the JSON
 * holds HdrHistogram's full percentile distribution for plotting.
 */
public final class Report {
  static final double[] PERCENTILES = {50, 90, 99, 99.9};
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Report() {}

  /** The summary block, one figure per line. */
  public static String text(BenchResult result) {
    BenchOptions options = result.options();
    StringBuilder text = new StringBuilder();
    line(text, "driver", result.driver());
    line(text, "workload", options.workload() + ", " + options.distribution().label() + " over " + options.keys()
        + " keys, " + options.valueSizeBytes() + " B values, seed " + options.seed());
    line(text, "clients", options.clients() + " × " + options.inflight() + " in flight" + (options.openLoop()
        ? ", open loop at " + options.rateOpsPerSecond() + " ops/s (latency from intended send time)"
        : ", closed loop"));
    if (options.workload().reads()) {
      line(text, "reads", options.consistency().label());
    }
    line(text, "duration", BenchOptions.seconds(options.duration()) + " s (after " + BenchOptions.seconds(
        options.warmup()) + " s warmup)");
    line(text, "total ops", Long.toString(result.ops()));
    line(text, "ops/s", String.format(Locale.ROOT, "%.1f", result.opsPerSecond()));
    for (double percentile : PERCENTILES) {
      line(text, "p" + percentileLabel(percentile) + " ms", ms(result.latencyMs(percentile)).toPlainString());
    }
    line(text, "max ms", ms(result.maxLatencyMs()).toPlainString());
    line(text, "errors", result.errorsByKind().isEmpty() ? "none" : result.errorCount() + " ("
        + result.errorsByKind().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")) + ")");
    if (options.openLoop()) {
      line(text, "unsent", result.unsent() + (result.unsent() > 0
          ? " (due in the window but never sent: the system could not keep up with the rate)" : ""));
      line(text, "late", lateLine(result));
    }
    return text.toString();
  }

  /**
   * How far behind its schedule the open loop ran: the operations sent late, and the largest lag. Late sends at the
   * start of the window with none later mean the warm-up was too short (the load generator's JVM or the system was
   * still cold); late sends throughout mean the rate is above what the system, or the generator, sustains.
   */
  static String lateLine(BenchResult result) {
    long due = result.ops() + result.errorCount() + result.unsent();
    String share = due == 0 ? "0" : String.format(Locale.ROOT, "%.1f", 100.0 * result.lateSends() / due);
    String line = result.lateSends() + " sent more than " + Worker.LATE_SEND_NANOS / 1_000_000 + " ms after their "
        + "intended time (" + share + "%), the most " + ms(result.sendLagMaxNanos() / 1e6).toPlainString() + " ms";
    return result.lateSends() == 0 ? line : line + "; their latency counts from the intended time. If the "
        + "throughput chart shows them only at the start, use a longer --warmup";
  }

  /** summary.json: the options (with {@code extraOptions}, e.g. endpoints), the results and the machine. */
  public static ObjectNode json(BenchResult result, Map<String, ?> extraOptions, Machine machine) {
    BenchOptions options = result.options();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode opts = root.putObject("options");
    opts.put("driver", result.driver());
    opts.put("target", options.target().label());
    opts.put("workload", options.workload().name());
    opts.put("readPercent", options.workload().readPercent());
    opts.put("clients", options.clients());
    opts.put("inflight", options.inflight());
    opts.put("consistency", options.consistency().label());
    opts.put("keys", options.keys());
    opts.put("valueSizeBytes", options.valueSizeBytes());
    opts.put("distribution", options.distribution().label());
    opts.put("durationSeconds", options.duration().toMillis() / 1000.0);
    opts.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
    opts.put("loop", options.openLoop() ? "open" : "closed");
    if (options.openLoop()) {
      opts.put("rateOpsPerSecond", options.rateOpsPerSecond());
    }
    opts.put("keyspace", options.keyspace());
    opts.put("seed", options.seed());
    extraOptions.forEach((name, value) -> opts.putPOJO(name, value));

    ObjectNode results = root.putObject("results");
    results.put("measuredSeconds", result.measuredNanos() / 1e9);
    results.put("opsTotal", result.ops());
    results.put("opsPerSecond", BigDecimal.valueOf(result.opsPerSecond()).setScale(1, RoundingMode.HALF_UP));
    ObjectNode latency = results.putObject("latencyMs");
    for (double percentile : PERCENTILES) {
      latency.put("p" + percentileLabel(percentile).replace('.', '_'), ms(result.latencyMs(percentile)));
    }
    latency.put("max", ms(result.maxLatencyMs()));
    results.put("errorsTotal", result.errorCount());
    ObjectNode errors = results.putObject("errors");
    result.errorsByKind().forEach(errors::put);
    if (options.openLoop()) {
      results.put("unsentOps", result.unsent());
      results.put("lateSends", result.lateSends());
      results.put("sendLagMaxMs", ms(result.sendLagMaxNanos() / 1e6));
    }
    results.put("preloadedKeys", result.preloadedKeys());
    ArrayNode perSecond = results.putArray("completedPerSecond"); // from the warmup's start, warmup included
    Arrays.stream(result.completedPerSecond()).forEach(perSecond::add);

    ObjectNode host = root.putObject("machine");
    host.put("nproc", machine.processors());
    host.put("totalMemoryBytes", machine.totalMemoryBytes());
    host.put("javaVersion", machine.javaVersion());
    host.put("javaVendor", machine.javaVendor());
    host.put("os", machine.os());
    return root;
  }

  /** Writes {@code summary.json} and {@code latency.hgrm} into {@code directory} (created if needed). */
  public static Path write(Path directory, BenchResult result, Map<String, ?> extraOptions, Machine machine)
      throws IOException {
    Files.createDirectories(directory);
    Path summary = directory.resolve("summary.json");
    Files.writeString(summary, JSON.writeValueAsString(json(result, extraOptions, machine)) + "\n");
    try (PrintStream out = new PrintStream(Files.newOutputStream(directory.resolve("latency.hgrm")), false,
        StandardCharsets.UTF_8)) {
      result.latencyMicros().outputPercentileDistribution(out, 1000.0); // in milliseconds
    }
    return summary;
  }

  static BigDecimal ms(double milliseconds) {
    return BigDecimal.valueOf(milliseconds).setScale(2, RoundingMode.HALF_UP);
  }

  private static String percentileLabel(double percentile) {
    return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
  }

  private static void line(StringBuilder text, String name, String value) {
    text.append(String.format(Locale.ROOT, "%-10s %s%n", name, value));
  }
}
