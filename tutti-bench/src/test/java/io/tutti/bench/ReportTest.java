package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary block and summary.json, from a histogram with known contents. */
class ReportTest {
  static final Machine MACHINE = new Machine(8, 16L << 30, "21.0.5", "Eclipse Adoptium", "Linux 6.8 amd64");
  /** Two seconds of warmup and ten measured, as the run's completions per second would be. */
  static final long[] COMPLETED_PER_SECOND = {40, 80, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 3};

  /** 1000 successes: 1..999 µs once each and one 25.5 ms outlier (above p99.9, so only the max shows it); 10 s measured; two kinds of error. */
  private static BenchResult result(long rate) {
    Histogram latency = new Histogram(3);
    for (long micros = 1; micros <= 999; micros++) {
      latency.recordValue(micros);
    }
    latency.recordValue(25_500);
    return new BenchResult("tutti", options(rate), latency, new TreeMap<>(Map.of("UNAVAILABLE", 3L, "OUTCOME_UNKNOWN", 1L)),
        rate > 0 ? 5 : 0, rate > 0 ? 101 : 0, rate > 0 ? 2_345_678_000L : 0, 10_000_000_000L, 10_000,
        COMPLETED_PER_SECOND);
  }

  /** mixed:90, 32 clients × 4 in flight, 10 s after 2 s of warmup, closed loop unless {@code rate} > 0. */
  static BenchOptions options(long rate) {
    return new BenchOptions(Target.TUTTI, Workload.parse("mixed:90"), 32, 4, 10_000, 128, KeyDistribution.ZIPFIAN,
        Duration.ofSeconds(10), Duration.ofSeconds(2), rate, Consistency.LINEARIZABLE, "default", 7);
  }

  @Test
  void summaryBlockHasEveryFigureInMillisecondsWithTwoDecimals() {
    String text = Report.text(result(0));
    assertThat(text.lines().toList()).containsExactly(
        "driver     tutti",
        "workload   mixed:90, zipfian over 10000 keys, 128 B values, seed 7",
        "clients    32 × 4 in flight, closed loop",
        "reads      linearizable",
        "duration   10 s (after 2 s warmup)",
        "total ops  1000",
        "ops/s      100.0",
        "p50 ms     0.50",
        "p90 ms     0.90",
        "p99 ms     0.99",
        "p99.9 ms   1.00",
        "max ms     25.50",
        "errors     4 (OUTCOME_UNKNOWN 1, UNAVAILABLE 3)");
  }

  @Test
  void openLoopSummaryNamesTheRateAndTheUnsentOperations() {
    String text = Report.text(result(500));
    assertThat(text).contains("clients    32 × 4 in flight, open loop at 500 ops/s (latency from intended send time)")
        .contains("unsent     5 (due in the window but never sent")
        // 101 late of 1009 due (1000 successes, 4 errors, 5 unsent).
        .contains("late       101 sent more than 1 ms after their intended time (10.0%), the most 2345.68 ms; "
            + "their latency counts from the intended time. If the throughput chart shows them only at the start, "
            + "use a longer --warmup");
  }

  @Test
  void closedLoopSummaryHasNoScheduleLines() {
    assertThat(Report.text(result(0))).doesNotContain("unsent").doesNotContain("late");
  }

  @Test
  void summaryJsonHoldsTheSameFiguresTheOptionsAndTheMachine(@TempDir Path dir) throws Exception {
    Path file = Report.write(dir.resolve("run"), result(500), Map.of("endpoints", List.of("127.0.0.1:27101")),
        MACHINE);
    assertThat(file).isEqualTo(dir.resolve("run/summary.json"));
    assertThat(dir.resolve("run/latency.hgrm")).isNotEmptyFile();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));

    JsonNode options = json.path("options");
    assertThat(options.path("driver").asText()).isEqualTo("tutti");
    assertThat(options.path("workload").asText()).isEqualTo("mixed:90");
    assertThat(options.path("readPercent").asInt()).isEqualTo(90);
    assertThat(options.path("target").asText()).isEqualTo("tutti");
    assertThat(options.path("clients").asInt()).isEqualTo(32);
    assertThat(options.path("inflight").asInt()).isEqualTo(4);
    assertThat(options.path("consistency").asText()).isEqualTo("linearizable");
    assertThat(options.path("keys").asLong()).isEqualTo(10_000);
    assertThat(options.path("valueSizeBytes").asInt()).isEqualTo(128);
    assertThat(options.path("distribution").asText()).isEqualTo("zipfian");
    assertThat(options.path("durationSeconds").asDouble()).isEqualTo(10.0);
    assertThat(options.path("warmupSeconds").asDouble()).isEqualTo(2.0);
    assertThat(options.path("loop").asText()).isEqualTo("open");
    assertThat(options.path("rateOpsPerSecond").asLong()).isEqualTo(500);
    assertThat(options.path("seed").asLong()).isEqualTo(7);
    assertThat(options.path("endpoints").get(0).asText()).isEqualTo("127.0.0.1:27101");

    JsonNode results = json.path("results");
    assertThat(results.path("opsTotal").asLong()).isEqualTo(1000);
    assertThat(results.path("opsPerSecond").decimalValue()).isEqualByComparingTo("100.0");
    assertThat(results.path("latencyMs").path("p50").decimalValue()).isEqualByComparingTo("0.50");
    assertThat(results.path("latencyMs").path("p90").decimalValue()).isEqualByComparingTo("0.90");
    assertThat(results.path("latencyMs").path("p99").decimalValue()).isEqualByComparingTo("0.99");
    assertThat(results.path("latencyMs").path("p99_9").decimalValue()).isEqualByComparingTo("1.00");
    assertThat(results.path("latencyMs").path("max").decimalValue()).isEqualByComparingTo("25.50");
    assertThat(results.path("errorsTotal").asLong()).isEqualTo(4);
    assertThat(results.path("errors").path("UNAVAILABLE").asLong()).isEqualTo(3);
    assertThat(results.path("errors").path("OUTCOME_UNKNOWN").asLong()).isEqualTo(1);
    assertThat(results.path("unsentOps").asLong()).isEqualTo(5);
    assertThat(results.path("lateSends").asLong()).isEqualTo(101);
    assertThat(results.path("sendLagMaxMs").decimalValue()).isEqualByComparingTo("2345.68");
    assertThat(results.path("completedPerSecond")).hasSize(COMPLETED_PER_SECOND.length);
    assertThat(results.path("completedPerSecond").get(12).asLong()).isEqualTo(3);

    JsonNode machine = json.path("machine");
    assertThat(machine.path("nproc").asInt()).isEqualTo(8);
    assertThat(machine.path("totalMemoryBytes").asLong()).isEqualTo(16L << 30);
    assertThat(machine.path("javaVersion").asText()).isEqualTo("21.0.5");
  }

  @Test
  void theCurrentMachineIsDescribed() {
    Machine machine = Machine.current();
    assertThat(machine.processors()).isPositive();
    assertThat(machine.totalMemoryBytes()).isPositive();
    assertThat(machine.javaVersion()).isEqualTo(System.getProperty("java.version"));
  }
}
