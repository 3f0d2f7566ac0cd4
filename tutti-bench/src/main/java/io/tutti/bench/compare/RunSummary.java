package io.tutti.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of one {@code tutti bench} run, read back from its {@code summary.json} ({@link io.tutti.bench.Report}
 * writes it). {@code settings} holds what must be equal across the runs of a comparison for the figures to be
 * comparable (keys, value size, seed, warmup, duration, loop).
 *
 * @param consistency the read consistency the run asked for, or "" when its summary does not say
 */
public record RunSummary(String workload, int clients, int inflight, BigDecimal opsPerSecond, BigDecimal p50Ms, BigDecimal p99Ms,
    long errorsTotal, SortedMap<String, Long> errors, String consistency, String settings, String javaVersion) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RunSummary {
    errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
  }

  /** Reads {@code file}; a file that is not a bench summary is an IOException naming it. */
  public static RunSummary read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IOException(file + ": not readable as JSON: " + e.getMessage(), e);
    }
    JsonNode options = root.path("options");
    JsonNode results = root.path("results");
    JsonNode latency = results.path("latencyMs");
    for (JsonNode required : new JsonNode[] {options.path("workload"), options.path("clients"),
        results.path("opsPerSecond"), latency.path("p50"), latency.path("p99")}) {
      if (required.isMissingNode() || required.isNull()) {
        throw new IOException(file + ": not a tutti bench summary (needs options.workload, options.clients, "
            + "results.opsPerSecond, results.latencyMs.p50 and p99)");
      }
    }
    TreeMap<String, Long> errors = new TreeMap<>();
    results.path("errors").properties().forEach(e -> errors.put(e.getKey(), e.getValue().asLong()));
    String settings = String.format(Locale.ROOT, "%s keys, %s B values, seed %s, %s s warmup, %s s measured, %s loop",
        options.path("keys").asText("?"), options.path("valueSizeBytes").asText("?"), options.path("seed").asText("?"),
        seconds(options.path("warmupSeconds")), seconds(options.path("durationSeconds")),
        options.path("loop").asText("closed"));
    return new RunSummary(options.path("workload").asText(), options.path("clients").asInt(),
        options.path("inflight").asInt(1), // summaries from before --inflight had one request per client
        results.path("opsPerSecond").decimalValue(), latency.path("p50").decimalValue(),
        latency.path("p99").decimalValue(), results.path("errorsTotal").asLong(), errors,
        options.path("consistency").asText(""), settings, root.path("machine").path("javaVersion").asText(""));
  }

  private static String seconds(JsonNode value) {
    return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : "?";
  }

  /**
   * What the run did, for a person: {@code put, 100 clients}, {@code mixed 50% get, 100 clients},
   * {@code get, 10 clients × 4 in flight}.
   */
  public String label() {
    String what = workload.startsWith("mixed:") ? "mixed " + workload.substring("mixed:".length()) + "% get"
        : workload;
    return what + ", " + clients + (clients == 1 ? " client" : " clients")
        + (inflight > 1 ? " × " + inflight + " in flight" : "");
  }
}
