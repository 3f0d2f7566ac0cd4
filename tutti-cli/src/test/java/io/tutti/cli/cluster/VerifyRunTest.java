package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.verify.net.NamespaceNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code tutti verify run} end to end, as a user runs it (issue 3): short runs of each workload under each nemesis
 * must pass, and servers started with {@code --unsafe-local-reads} must be caught. Every run has a fixed seed, which
 * the failure message shows with the run's whole output. Partitions need root and network namespaces (CI has both).
 */
class VerifyRunTest {
  static final long RUN_TIMEOUT_SECONDS = 300;

  /** Kept when a test fails: the report it names (history, nemesis events, node logs) is what explains the failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path results;

  private ProcessCluster.Run verify(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("verify", "run", "--results", results.toString()));
    command.addAll(List.of(args));
    return ProcessCluster.runTutti(RUN_TIMEOUT_SECONDS, command.toArray(String[]::new));
  }

  private Path reportFolder() throws IOException {
    try (Stream<Path> folders = Files.list(results)) {
      return folders.filter(Files::isDirectory).findFirst().orElseThrow(
          () -> new AssertionError("no report folder in " + results));
    }
  }

  @ParameterizedTest(name = "{0} under {1}, seed {2}")
  @CsvSource({
      "register, kill,      11",
      "register, pause,     12",
      "register, partition, 13",
      "set,      kill,      21",
      "set,      pause,     22",
      "set,      partition, 23"})
  void shortRunUnderFaultsPasses(String workload, String nemesis, long seed) throws Exception {
    Passed passed = runExpectingPass(workload, nemesis, seed, "--time", "20", "--fault-seconds", "5",
        "--quiet-seconds", "2.5");
    String context = passed.context();
    JsonNode verdict = passed.verdict();
    Path report = reportFolder();
    assertThat(verdict.path("valid").asBoolean()).as(context).isTrue();
    assertThat(verdict.path("nemesis").path("faults").size()).as("faults injected; " + context).isPositive();
    assertThat(verdict.path("operations").path("ok").asLong()).as(context).isPositive();
    assertThat(verdict.path("checkers").path("liveness").path("valid").asBoolean()).as(context).isTrue();
    assertThat(verdict.path("checkers").path(workload.equals("set") ? "set" : "linearizability")
        .path("valid").asBoolean()).as(context).isTrue();
    assertThat(Files.readAllLines(report.resolve("nemesis.jsonl"))).as(context)
        .anyMatch(line -> line.contains("\"event\":\"start\"") && line.contains("\"kind\":\"" + nemesis + "\""));
    assertThat(report.resolve("history.jsonl")).isNotEmptyFile();
    assertThat(report.resolve("latency.png")).isNotEmptyFile();
    assertThat(report.resolve("summary.txt")).isNotEmptyFile();
    assertThat(report.resolve("nodes").resolve("n1.log")).isNotEmptyFile();
    assertThat(report.resolve("data")).as("node data removed after the run").doesNotExist();
  }

  /**
   * The read-level workloads (issue #5) under every kind of fault: each run's checkers for its level, and that no read
   * returned a version no write produced.
   */
  @ParameterizedTest(name = "{0} under {1}, seed {2}")
  @CsvSource({
      "session,  partition, 31",
      "bounded,  pause,     32",
      "eventual, kill,      33"})
  void readLevelWorkloadUnderFaultsPasses(String workload, String nemesis, long seed) throws Exception {
    Passed passed = runExpectingPass(workload, nemesis, seed, "--time", "15", "--fault-seconds", "4",
        "--quiet-seconds", "2", "--keys", "4");
    String context = passed.context();
    JsonNode verdict = passed.verdict();
    JsonNode checkers = verdict.path("checkers");
    String levelChecker = switch (workload) {
      case "session" -> "session";
      case "bounded" -> "bounded-staleness";
      default -> "convergence";
    };
    assertThat(checkers.path(levelChecker).path("valid").asBoolean()).as(context).isTrue();
    assertThat(checkers.path("version-origin").path("valid").asBoolean()).as(context).isTrue();
    if (NamespaceNetwork.supported()) { // a follower cut off: eventual and bounded reads go on, linearizable ones fail
      JsonNode minority = checkers.path("minority-availability");
      assertThat(minority.path("valid").asBoolean()).as(context).isTrue();
      assertThat(minority.path("reads").findValuesAsText("level")).as(context)
          .contains("eventual", "bounded", "linearizable");
    }
    assertThat(verdict.path("nemesis").path("faults").size()).as("faults injected; " + context).isPositive();
    assertThat(Files.readAllLines(reportFolder().resolve("history.jsonl"))).as(context)
        .anyMatch(line -> line.contains("\"f\":\"read\"") && line.contains("\"version\""));
  }

  /** A run's verdict, and the seed and output to print when an assertion on it fails. */
  private record Passed(JsonNode verdict, String context) {}

  /**
   * Runs {@code workload} under {@code nemesis} (skipped when a partition is asked for and namespaces are not
   * available), asserts it passed, and reads its verdict.
   */
  private Passed runExpectingPass(String workload, String nemesis, long seed, String... options) throws Exception {
    assumeTrue(!nemesis.equals("partition") || NamespaceNetwork.supported(),
        "partitions need root and network namespaces");
    List<String> args = new ArrayList<>(List.of("--workload", workload, "--nemesis", nemesis, "--seed",
        Long.toString(seed)));
    args.addAll(List.of(options));
    ProcessCluster.Run run = verify(args.toArray(String[]::new));

    String context = "seed " + seed + ", output:\n" + run.output();
    assertThat(run.output()).as(context).contains("result: PASS");
    assertThat(run.exitCode()).as(context).isZero();
    return new Passed(ProcessCluster.JSON.readTree(reportFolder().resolve("verdict.json").toFile()), context);
  }

  @Test
  void staleLocalReadsAreReportedNotLinearizable() throws Exception {
    assumeTrue(NamespaceNetwork.supported(), "partitions need root and network namespaces");
    ProcessCluster.Run run = verify("--workload", "register", "--nemesis", "partition", "--time", "15",
        "--seed", "42", "--unsafe-local-reads", "--fault-seconds", "5", "--quiet-seconds", "2");

    String context = "seed 42, output:\n" + run.output();
    assertThat(run.output()).as(context).contains("linearizability: NOT linearizable").contains("cannot be ordered")
        .contains("result: FAIL");
    assertThat(run.exitCode()).as(context).isEqualTo(1);
    JsonNode verdict = ProcessCluster.JSON.readTree(reportFolder().resolve("verdict.json").toFile());
    assertThat(verdict.path("run").path("unsafe_local_reads").asBoolean()).isTrue();
    assertThat(verdict.path("checkers").path("linearizability").path("result").path("verdict").asText())
        .isEqualTo("not_linearizable");
  }

  @Test
  void badOptionsGetOneLineAndExitCode2() throws Exception {
    ProcessCluster.Run run = verify("--workload", "queue");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("workload must be register, set, session, bounded or eventual, got 'queue'");
    try (Stream<Path> left = Files.list(results)) {
      assertThat(left).as("nothing started, nothing written").isEmpty();
    }
  }

  /** {@code <repo>/../shared/porcupine-data}, found from the module directory. */
  static Path porcupineData() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("porcupine-data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("shared/porcupine-data not found beside the repository");
  }

  @Test
  void checkCommandPrintsOneLinePerFileAndFailsOnAViolation() throws Exception {
    Path good = porcupineData().resolve("jepsen").resolve("etcd_002.log");
    Path bad = porcupineData().resolve("jepsen").resolve("etcd_000.log");

    ProcessCluster.Run allGood = ProcessCluster.runTutti(120, "verify", "check", good.toString());
    ProcessCluster.Run oneBad = ProcessCluster.runTutti(120, "verify", "check", good.toString(), bad.toString());

    assertThat(allGood.exitCode()).as(allGood.output()).isZero();
    assertThat(allGood.output()).contains(good + ": linearizable");
    assertThat(oneBad.exitCode()).as(oneBad.output()).isEqualTo(1);
    assertThat(oneBad.output()).contains(good + ": linearizable").contains(bad + ": NOT linearizable")
        .contains("cannot be ordered");
  }
}
