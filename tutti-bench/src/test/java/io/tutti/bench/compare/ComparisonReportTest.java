package io.tutti.bench.compare;

import static io.tutti.bench.compare.ComparisonTest.copyRuns;
import static io.tutti.bench.compare.ComparisonTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tables, legend and summary.json made from the fixtures under src/test/resources/compare. */
class ComparisonReportTest {
  private static Comparison threeSystems() throws IOException {
    return Comparison.load(fixture("three-systems"));
  }

  @Test
  void figuresHaveALinePerWorkloadAndSystem() throws IOException {
    ComparisonReport.TextTable figures = ComparisonReport.figures(threeSystems());
    assertThat(figures.header()).containsExactly("workload", "system", "ops/s", "p50 ms", "p99 ms", "errors", "quiet",
        "note");
    assertThat(figures.rows()).hasSize(12);
    assertThat(figures.rows().get(0)).containsExactly("put, 1 client", "Tutti", "136.8", "6.58", "18.24", "0", "yes",
        "");
    assertThat(figures.rows().get(1)).containsExactly("", "etcd", "1,000.0", "0.80", "2.00", "0", "yes", "");
    assertThat(figures.rows().get(2)).containsExactly("", "Redis", "2,500.0", "0.38", "0.90", "0", "yes", "");
  }

  @Test
  void aRunWithErrorsIsFlaggedWithItsErrorKinds() throws IOException {
    List<String> etcdPut100 = ComparisonReport.figures(threeSystems()).rows().get(4);
    assertThat(etcdPut100).containsExactly("", "etcd", "11,000.0", "8.00", "19.00", "4 !", "yes",
        "! errors: OUTCOME_UNKNOWN 1, UNAVAILABLE 3");
    assertThat(ComparisonReport.ratios(threeSystems()).rows().get(1))
        .containsExactly("put, 100 clients", "0.029× !", "47× !", "0.016×", "94×");
    assertThat(ComparisonReport.legend(threeSystems())).anyMatch(line -> line.startsWith("! a run had errors"));
  }

  @Test
  void aFailedRunShowsDashesAndWhy() throws IOException {
    List<String> redisMixed = ComparisonReport.figures(threeSystems()).rows().get(11);
    assertThat(redisMixed).containsExactly("", "Redis", "—", "—", "—", "—", "yes", "! failed: exit 1");
    assertThat(ComparisonReport.ratios(threeSystems()).rows().get(3))
        .containsExactly("mixed 50% get, 100 clients", "0.046×", "47×", "—", "—");
  }

  @Test
  void ratiosHaveTwoSignificantDigits() throws IOException {
    ComparisonReport.TextTable ratios = ComparisonReport.ratios(threeSystems());
    assertThat(ratios.header()).containsExactly("workload", "ops/s Tutti/etcd", "p99 Tutti/etcd", "ops/s Tutti/Redis",
        "p99 Tutti/Redis");
    assertThat(ratios.rows().getFirst()).containsExactly("put, 1 client", "0.14×", "9.1×", "0.055×", "20×");
    assertThat(ratios.rows().get(2)).containsExactly("get, 100 clients", "0.5×", "3.6×", "0.13×", "14×");
  }

  @Test
  void missingSystemsAreDashesNotCrashes(@TempDir Path dir) throws IOException {
    copyRuns(dir, "tutti-put-1");
    Comparison comparison = Comparison.load(dir);
    List<List<String>> rows = ComparisonReport.figures(comparison).rows();
    assertThat(rows.get(0)).containsExactly("put, 1 client", "Tutti", "136.8", "6.58", "18.24", "0", "—", "");
    assertThat(rows.get(1)).containsExactly("", "etcd", "—", "—", "—", "—", "—", "not run");
    assertThat(rows.get(2)).containsExactly("", "Redis", "—", "—", "—", "—", "—", "not run");
    assertThat(ComparisonReport.ratios(comparison).rows().getFirst())
        .containsExactly("put, 1 client", "—", "—", "—", "—");
    assertThat(ComparisonReport.header(comparison)).containsExactly("Tutti, etcd and Redis side by side",
        "machine: load generator on Java 25.0.3",
        "every run: 1000 keys, 256 B values, seed 42, 2 s warmup, 5 s measured, closed loop");
    assertThat(ComparisonReport.legend(comparison)).noneMatch(line -> line.startsWith("!"));
  }

  @Test
  void headerNamesCommitMachinePeersAndSettings() throws IOException {
    assertThat(ComparisonReport.header(threeSystems())).containsExactly(
        "Tutti, etcd and Redis side by side: commit abc1234, quick run, 2026-11-25T10:00:00Z",
        "machine: 2 CPUs (AMD EPYC 7B13), 24.0 GiB, Debian GNU/Linux 12 (bookworm), Linux 6.1.0-28-cloud-amd64, "
            + "data on ext4, load generator on Java 25.0.3",
        "peers: etcd 3.4.23, Redis 7.0.15",
        "every run: 1000 keys, 256 B values, seed 42, 2 s warmup, 5 s measured, closed loop");
  }

  @Test
  void legendNamesTheRunsOnABusyMachine(@TempDir Path dir) throws IOException {
    assertThat(ComparisonReport.legend(threeSystems())).anyMatch(line -> line.startsWith(
        "quiet no: the CPU was busy before tutti-put-100 (less than 80% idle)"));
    copyRuns(dir, "tutti-put-1", "etcd-put-1");
    Files.writeString(dir.resolve("runs.tsv"), """
        tutti	put-1	0	no	12	15	45	./tutti bench --target tutti
        etcd	put-1	0	no	3	15	45	./tutti bench --target etcd
        """);
    assertThat(ComparisonReport.legend(Comparison.load(dir))).contains(
        "quiet no: the CPU was busy before every run: other work may have slowed them.");
  }

  @Test
  void summaryJsonHoldsTheFiguresRatiosMachineAndCommands(@TempDir Path dir) throws IOException {
    Path file = ComparisonReport.writeJson(dir, threeSystems());
    assertThat(file).isEqualTo(dir.resolve("summary.json"));
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));

    assertThat(json.path("commit").asText()).isEqualTo("abc1234");
    assertThat(json.path("commitDirty").isBoolean()).isTrue();
    assertThat(json.path("wallSeconds").asLong()).isEqualTo(190);
    assertThat(json.path("machine").path("nproc").asInt()).isEqualTo(2);
    assertThat(json.path("machine").path("cpuModel").asText()).isEqualTo("AMD EPYC 7B13");
    assertThat(json.path("machine").path("benchJavaVersion").asText()).isEqualTo("25.0.3");
    assertThat(json.path("versions").path("etcd").asText()).isEqualTo("3.4.23");
    assertThat(json.path("versions").path("redis").asText()).isEqualTo("7.0.15");
    assertThat(json.path("machineQuiet").asBoolean()).isFalse();
    assertThat(json.path("notQuietRuns").get(0).asText()).isEqualTo("tutti-put-100");
    assertThat(json.path("commands")).hasSize(2);

    JsonNode put1 = json.path("workloads").get(0);
    assertThat(put1.path("id").asText()).isEqualTo("put-1");
    assertThat(put1.path("label").asText()).isEqualTo("put, 1 client");
    JsonNode tutti = put1.path("systems").path("tutti");
    assertThat(tutti.path("status").asText()).isEqualTo("measured");
    assertThat(tutti.path("opsPerSecond").decimalValue()).isEqualByComparingTo("136.8");
    assertThat(tutti.path("p50Ms").decimalValue()).isEqualByComparingTo("6.58");
    assertThat(tutti.path("p99Ms").decimalValue()).isEqualByComparingTo("18.24");
    assertThat(tutti.path("exitCode").asInt()).isZero();
    assertThat(tutti.path("machineQuiet").asBoolean()).isTrue();
    assertThat(tutti.path("command").asText()).startsWith("./tutti bench --target tutti");
    assertThat(tutti.path("summary").asText()).isEqualTo("tutti-put-1/summary.json");
    assertThat(put1.path("ratios").path("tuttiToEtcd").path("opsPerSecond").decimalValue())
        .isEqualByComparingTo("0.137");
    assertThat(put1.path("ratios").path("tuttiToRedis").path("p99").decimalValue()).isEqualByComparingTo("20.3");

    JsonNode mixed = json.path("workloads").get(3);
    assertThat(mixed.path("systems").path("redis").path("status").asText()).isEqualTo("failed");
    assertThat(mixed.path("systems").path("redis").path("reason").asText()).isEqualTo("exit 1");
    assertThat(mixed.path("ratios").path("tuttiToRedis").path("opsPerSecond").isNull()).isTrue();
    assertThat(json.path("workloads").get(1).path("systems").path("etcd").path("flagged").asBoolean()).isTrue();
    assertThat(json.path("workloads").get(2).path("systems").path("etcd").path("consistency").asText())
        .isEqualTo("linearizable");
  }
}
