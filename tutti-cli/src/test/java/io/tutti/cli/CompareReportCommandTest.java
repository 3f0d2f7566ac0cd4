package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tutti compare-report DIR} on the results fixture that tutti-bench's comparison tests use. */
class CompareReportCommandTest {
  private static final Path FIXTURE = Path.of(System.getProperty("user.dir")).getParent()
      .resolve("tutti-bench/src/test/resources/compare/three-systems");

  record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exitCode = TuttiMain.run(args);
      return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private static void copyFixture(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(FIXTURE.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
  }

  @Test
  void printsFiguresRatiosAndLegendAndWritesSummaryJson(@TempDir Path dir) throws IOException {
    copyFixture(dir);
    Outcome outcome = run("compare-report", dir.toString());
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out().lines().toList()).contains(
        "workload                    system  ops/s     p50 ms  p99 ms  errors  quiet  note",
        "put, 1 client               Tutti   136.8     6.58    18.24   0       yes",
        "                            etcd    11,000.0  8.00    19.00   4 !     yes    ! errors: OUTCOME_UNKNOWN 1, "
            + "UNAVAILABLE 3",
        "                            Redis   —         —       —       —       yes    ! failed: exit 1",
        "workload                    ops/s Tutti/etcd  p99 Tutti/etcd  ops/s Tutti/Redis  p99 Tutti/Redis",
        "put, 1 client               0.14×             9.1×            0.055×             20×",
        "summary    " + dir.resolve("summary.json"));
    assertThat(dir.resolve("summary.json")).content().contains("\"tuttiToEtcd\"");
  }

  @Test
  void noWriteOnlyPrints(@TempDir Path dir) throws IOException {
    copyFixture(dir);
    Outcome outcome = run("compare-report", "--no-write", dir.toString());
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).doesNotContain("summary ");
    assertThat(dir.resolve("summary.json")).doesNotExist();
  }

  @Test
  void aDirectoryWithoutRunsIsOneLineOfError(@TempDir Path dir) {
    Outcome empty = run("compare-report", dir.toString());
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.err()).startsWith("tutti compare-report: NOT_FOUND: no runs in ").hasLineCount(1);
    Outcome absent = run("compare-report", dir.resolve("absent").toString());
    assertThat(absent.exitCode()).isEqualTo(2);
    assertThat(absent.err()).contains("is not a directory").hasLineCount(1);
    assertThat(run("compare-report").err()).contains("Missing required parameter: 'DIR'");
  }
}
