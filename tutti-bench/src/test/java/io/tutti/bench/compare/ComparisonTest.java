package io.tutti.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tutti.bench.BenchOptions;
import io.tutti.bench.BenchResult;
import io.tutti.bench.Consistency;
import io.tutti.bench.KeyDistribution;
import io.tutti.bench.Machine;
import io.tutti.bench.Report;
import io.tutti.bench.Target;
import io.tutti.bench.Workload;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a bench/compare results directory (fixtures under src/test/resources/compare) into rows and ratios. */
class ComparisonTest {
  static Path fixture(String name) {
    try {
      return Path.of(ComparisonTest.class.getResource("/compare/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the named runs of the three-systems fixture into {@code dir}, without runs.tsv or meta.tsv. */
  static void copyRuns(Path dir, String... runs) throws IOException {
    for (String run : runs) {
      Files.createDirectories(dir.resolve(run));
      Files.copy(fixture("three-systems").resolve(run).resolve("summary.json"), dir.resolve(run + "/summary.json"));
    }
  }

  @Test
  void workloadsComeInRunOrderWithAnOutcomePerSystem() throws IOException {
    Comparison comparison = Comparison.load(fixture("three-systems"));
    assertThat(comparison.rows()).extracting(Comparison.Row::workload)
        .containsExactly("put-1", "put-100", "get-100", "mixed-100");
    Comparison.Row put = comparison.rows().getFirst();
    assertThat(put.label()).isEqualTo("put, 1 client");
    assertThat(comparison.rows().get(3).label()).isEqualTo("mixed 50% get, 100 clients");
    assertThat(put.outcome("tutti")).isInstanceOfSatisfying(Outcome.Measured.class, m -> {
      assertThat(m.summary().opsPerSecond()).isEqualByComparingTo("136.8");
      assertThat(m.summary().p50Ms()).isEqualByComparingTo("6.58");
      assertThat(m.summary().p99Ms()).isEqualByComparingTo("18.24");
      assertThat(m.record().quiet()).isEqualTo(RunRecord.Quietness.QUIET);
      assertThat(m.record().cpuIdlePercent()).isEqualTo(97);
      assertThat(m.flagged()).isFalse();
    });
    assertThat(comparison.meta()).containsEntry("commit", "abc1234").containsEntry("mode", "quick");
    assertThat(comparison.commands()).hasSize(2);
    assertThat(comparison.benchJavaVersion()).isEqualTo("25.0.3");
    assertThat(comparison.inconsistencies()).isEmpty();
  }

  @Test
  void ratiosAreTuttiOverThePeerForThroughputAndP99() throws IOException {
    Comparison.Row put = Comparison.load(fixture("three-systems")).rows().getFirst();
    // Tutti 136.8 ops/s, p99 18.24 ms; etcd 1000 ops/s, p99 2.00 ms; Redis 2500 ops/s, p99 0.90 ms.
    assertThat(put.throughputRatio("etcd")).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.1368"));
    assertThat(put.p99Ratio("etcd")).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("9.12"));
    assertThat(put.throughputRatio("redis")).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.05472"));
    assertThat(put.p99Ratio("redis")).hasValueSatisfying(
        r -> assertThat(r).isCloseTo(new BigDecimal("20.2667"), within(new BigDecimal("0.0001"))));
  }

  @Test
  void aRunThatFailedHasNoFiguresAndNoRatio() throws IOException {
    Comparison.Row mixed = Comparison.load(fixture("three-systems")).rows().get(3);
    assertThat(mixed.outcome("redis")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.reason()).isEqualTo("exit 1"));
    assertThat(mixed.throughputRatio("redis")).isEmpty();
    assertThat(mixed.p99Ratio("redis")).isEmpty();
    assertThat(mixed.throughputRatio("etcd")).isPresent();
  }

  @Test
  void aRunWithErrorsIsFlaggedAndSoAreItsRatios() throws IOException {
    Comparison.Row put100 = Comparison.load(fixture("three-systems")).rows().get(1);
    assertThat(put100.outcome("etcd")).isInstanceOfSatisfying(Outcome.Measured.class, m -> {
      assertThat(m.flagged()).isTrue();
      assertThat(m.summary().errors()).containsExactly(Map.entry("OUTCOME_UNKNOWN", 1L), Map.entry("UNAVAILABLE", 3L));
    });
    assertThat(put100.ratioFlagged("etcd")).isTrue();
    assertThat(put100.ratioFlagged("redis")).isFalse();
  }

  @Test
  void runsOnABusyMachineAreListed() throws IOException {
    assertThat(Comparison.load(fixture("three-systems")).notQuietRuns()).containsExactly("tutti-put-100");
  }

  @Test
  void missingSystemsAndRunsAreMissingNotErrors(@TempDir Path dir) throws IOException {
    copyRuns(dir, "tutti-put-1", "etcd-put-1", "tutti-get-100");
    Files.createDirectories(dir.resolve("notes"));
    Files.createDirectories(dir.resolve("mysql-put-1"));
    Files.writeString(dir.resolve("mysql-put-1/summary.json"), "{}");

    Comparison comparison = Comparison.load(dir);
    assertThat(comparison.rows()).extracting(Comparison.Row::workload).containsExactly("get-100", "put-1");
    Comparison.Row get = comparison.rows().getFirst();
    assertThat(get.outcome("etcd")).isInstanceOf(Outcome.Missing.class);
    assertThat(get.outcome("redis")).isInstanceOf(Outcome.Missing.class);
    assertThat(get.throughputRatio("etcd")).isEmpty();
    Comparison.Row put = comparison.rows().get(1);
    assertThat(put.outcome("tutti")).isInstanceOfSatisfying(Outcome.Measured.class,
        m -> assertThat(m.record().quiet()).isEqualTo(RunRecord.Quietness.UNKNOWN));
    assertThat(put.throughputRatio("etcd")).isPresent();
    assertThat(put.throughputRatio("redis")).isEmpty();
    assertThat(comparison.meta()).isEmpty();
    assertThat(comparison.commands()).isEmpty();
  }

  @Test
  void aSystemThatNeverStartedFailsEachOfItsRuns(@TempDir Path dir) throws IOException {
    copyRuns(dir, "tutti-put-1");
    Files.writeString(dir.resolve("runs.tsv"), """
        system\tworkload\texitCode\tquiet\tcpuIdlePercent\tquietWaitSeconds\trunSeconds\tcommand
        tutti\tput-1\t0\tyes\t95\t2\t9\t./tutti bench --workload put --clients 1
        etcd\tput-1\tnot started\t\t\t\t\t
        """);
    Comparison.Row put = Comparison.load(dir).rows().getFirst();
    assertThat(put.outcome("etcd")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.reason()).isEqualTo("not started"));
    assertThat(put.outcome("redis")).isInstanceOf(Outcome.Missing.class);
  }

  @Test
  void anUnreadableSummaryFailsThatRunOnly(@TempDir Path dir) throws IOException {
    copyRuns(dir, "tutti-put-1");
    Files.createDirectories(dir.resolve("etcd-put-1"));
    Files.writeString(dir.resolve("etcd-put-1/summary.json"), "{\"options\": {}}");
    Comparison.Row put = Comparison.load(dir).rows().getFirst();
    assertThat(put.outcome("tutti")).isInstanceOf(Outcome.Measured.class);
    assertThat(put.outcome("etcd")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("etcd-put-1/summary.json").contains("not a tutti bench summary"));
  }

  @Test
  void runsWithDifferentSettingsAreReported(@TempDir Path dir) throws IOException {
    copyRuns(dir, "tutti-put-1", "etcd-put-1");
    Path etcd = dir.resolve("etcd-put-1/summary.json");
    Files.writeString(etcd, Files.readString(etcd).replace("\"keys\" : 1000", "\"keys\" : 5000")
        .replace("\"keys\": 1000", "\"keys\": 5000"));
    assertThat(Comparison.load(dir).inconsistencies()).singleElement().asString()
        .contains("different settings").contains("1000 keys").contains("5000 keys");
  }

  @Test
  void aBadRunsFileIsAnErrorNamingTheLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("runs.tsv"), "tutti\tput-1\t0\n");
    assertThatThrownBy(() -> Comparison.load(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining("runs.tsv line 1").hasMessageContaining("expected 8");
    assertThatThrownBy(() -> Comparison.load(dir.resolve("absent"))).hasMessageContaining("is not a directory");
  }

  /** The summarizer reads what Report writes: the contract between tutti bench and bench/compare. */
  @Test
  void readsTheSummaryReportWrites(@TempDir Path dir) throws IOException {
    Histogram latency = new Histogram(3);
    for (long micros = 1; micros <= 1000; micros++) {
      latency.recordValue(micros);
    }
    BenchOptions options = new BenchOptions(Target.ETCD, Workload.parse("mixed:50"), 100, 4, 1000, 256,
        KeyDistribution.UNIFORM, Duration.ofSeconds(5), Duration.ofSeconds(2), 0, Consistency.LINEARIZABLE, "default",
        42);
    BenchResult result = new BenchResult("etcd", options, latency, new TreeMap<>(Map.of("UNAVAILABLE", 2L)), 0,
        0, 0, 2_000_000_000L, 1000, new long[0]);
    Report.write(dir.resolve("etcd-mixed-100"), result, Map.of("endpoints", List.of("127.0.0.1:23791")),
        new Machine(2, 1L << 34, "21.0.5", "Eclipse Adoptium", "Linux"));

    RunSummary summary = RunSummary.read(dir.resolve("etcd-mixed-100/summary.json"));
    assertThat(summary.label()).isEqualTo("mixed 50% get, 100 clients × 4 in flight");
    assertThat(summary.consistency()).isEqualTo("linearizable");
    assertThat(summary.opsPerSecond()).isEqualByComparingTo("500.0");
    assertThat(summary.p50Ms()).isEqualByComparingTo("0.50");
    assertThat(summary.p99Ms()).isEqualByComparingTo("0.99");
    assertThat(summary.errorsTotal()).isEqualTo(2);
    assertThat(summary.settings()).isEqualTo("1000 keys, 256 B values, seed 42, 2 s warmup, 5 s measured, closed loop");
    assertThat(summary.javaVersion()).isEqualTo("21.0.5");
  }
}
