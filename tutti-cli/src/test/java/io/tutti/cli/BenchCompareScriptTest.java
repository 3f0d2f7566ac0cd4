package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/compare} and {@code bench/install-peers} explain themselves and refuse bad options with one line and
 * exit code 2, before they install, start or measure anything; {@code bench/steady}, which ends each system's warm-up,
 * tells a steady speed from a climbing one. The comparison itself is a manual benchmark, not a test.
 */
class BenchCompareScriptTest {
  private static final Path BENCH = Path.of(System.getProperty("user.dir")).getParent().resolve("bench");
  private static final long SCRIPT_TIMEOUT_SECONDS = 60;

  record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(Path dir, String... command) throws IOException, InterruptedException {
    File out = dir.resolve("stdout").toFile();
    File err = dir.resolve("stderr").toFile();
    Process process = new ProcessBuilder(command).directory(BENCH.getParent().toFile())
        .redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(String.join(" ", command) + " did not end within " + SCRIPT_TIMEOUT_SECONDS + " s");
    }
    return new Outcome(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  private static Outcome script(Path dir, String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", BENCH.resolve(name).toString()));
    command.addAll(List.of(args));
    return run(dir, command.toArray(String[]::new));
  }

  private static void assertUsageError(Path dir, String name, String expected, String... args) throws Exception {
    Outcome outcome = script(dir, name, args);
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.err().lines().toList()).as(outcome.err()).singleElement().asString()
        .startsWith("bench/" + name + ": ").contains(expected).endsWith("(see 'bench/" + name + " --help')");
    assertThat(outcome.out()).isEmpty();
  }

  @Test
  void compareHelpExplainsModesSystemsPortsAndResults(@TempDir Path dir) throws Exception {
    Outcome outcome = script(dir, "compare", "--help");
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("Usage: bench/compare [--quick] [--out DIR] [--systems LIST]")
        .contains("bench/compare --quick").contains("--systems LIST")
        .contains("127.0.0.1:7101-7103").contains("23791-23793").contains("127.0.0.1:16379")
        .contains("appendfsync always").contains("fsynced on a majority")
        .contains("put-1").contains("put-100").contains("get-100").contains("mixed-100")
        .contains("summary.json").contains("tutti compare-report DIR").contains("bench/install-peers")
        .contains("by PID");
    assertThat(script(dir, "compare", "-h").out()).isEqualTo(outcome.out());
  }

  @Test
  void compareRefusesBadOptions(@TempDir Path dir) throws Exception {
    assertUsageError(dir, "compare", "unknown option '--fast'", "--fast");
    assertUsageError(dir, "compare", "unknown option 'tutti'", "tutti");
    assertUsageError(dir, "compare", "--systems: unknown system 'mysql' (known: tutti,etcd,redis)",
        "--systems", "tutti,mysql");
    assertUsageError(dir, "compare", "--systems names 'etcd' twice", "--systems", "etcd,tutti,etcd");
    assertUsageError(dir, "compare", "--systems is empty", "--systems", "");
    assertUsageError(dir, "compare", "--systems needs a value", "--systems");
    assertUsageError(dir, "compare", "--out needs a directory", "--quick", "--out");
    Files.writeString(dir.resolve("old-result"), "x");
    assertUsageError(dir, "compare", "exists and is not an empty directory", "--out", dir.toString());
  }

  @Test
  void installPeersExplainsItselfAndRefusesBadOptions(@TempDir Path dir) throws Exception {
    Outcome help = script(dir, "install-peers", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("etcd-server etcd-client").contains("redis-server redis-tools")
        .contains("policy-rc.d").contains("Needs root");
    assertUsageError(dir, "install-peers", "unknown option '--yes'", "--yes");
    assertUsageError(dir, "install-peers", "--systems: unknown peer 'tutti' (known: etcd, redis)", "--systems",
        "tutti");
  }

  /** A tutti bench log with one progress line per second at these ops/s, then the closing summary. */
  private static Path benchLog(Path dir, int... opsPerSecond) throws IOException {
    StringBuilder log = new StringBuilder("tutti bench: tutti at 127.0.0.1:7101, mixed:50, 50 clients\n");
    for (int i = 0; i < opsPerSecond.length; i++) {
      log.append(String.format("  %4d.0s  %-8s %8d ops/s       0 errors  (0 errors in all)%n", i + 1,
          i == 0 ? "warmup" : "measure", opsPerSecond[i]));
    }
    log.append("duration   40 s (after 1 s warmup)\nops/s      5000.0\n");
    return Files.writeString(dir.resolve("bench.log"), log);
  }

  private static int[] seconds(int count, int opsPerSecond) {
    int[] ops = new int[count];
    Arrays.fill(ops, opsPerSecond);
    return ops;
  }

  private static int[] concat(int[] first, int[] second) {
    int[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  @Test
  void steadyIsTheLastWindowWithinThePercentOfTheOneBefore(@TempDir Path dir) throws Exception {
    String log = benchLog(dir, concat(seconds(20, 5000), seconds(20, 5200))).toString();
    assertThat(script(dir, "steady", log).exitCode()).as("4%% apart, 20 s windows").isZero();
    assertThat(script(dir, "steady", log, "20", "3").exitCode()).as("4%% apart, 3%% asked").isEqualTo(1);
    log = benchLog(dir, concat(seconds(20, 3000), seconds(20, 5000))).toString();
    assertThat(script(dir, "steady", log).exitCode()).as("still climbing").isEqualTo(1);
    assertThat(script(dir, "steady", log, "10").exitCode()).as("flat over the last two 10 s").isZero();
    log = benchLog(dir, seconds(39, 5000)).toString();
    assertThat(script(dir, "steady", log).exitCode()).as("not yet two windows").isEqualTo(1);
    log = benchLog(dir, concat(seconds(20, 5000), seconds(20, 4700))).toString();
    assertThat(script(dir, "steady", log).exitCode()).as("6%% slower").isEqualTo(1);
    assertThat(script(dir, "steady", log, "20", "7").exitCode()).as("6%% slower, 7%% asked").isZero();
  }

  @Test
  void steadyRefusesBadUsage(@TempDir Path dir) throws Exception {
    String log = benchLog(dir, seconds(40, 5000)).toString();
    assertUsageError(dir, "steady", "expected LOG [WINDOW_SECONDS [PERCENT]]");
    assertUsageError(dir, "steady", "cannot read '" + dir.resolve("absent") + "'", dir.resolve("absent").toString());
    assertUsageError(dir, "steady", "WINDOW_SECONDS must be a positive whole number, not '0'", log, "0");
    assertUsageError(dir, "steady", "PERCENT must be a number, not 'five'", log, "20", "five");
  }

  @Test
  void scriptsPassShellcheck(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck is not installed");
    Outcome outcome = run(dir, "/usr/bin/shellcheck", BENCH.resolve("compare").toString(),
        BENCH.resolve("install-peers").toString(), BENCH.resolve("steady").toString());
    assertThat(outcome.exitCode()).as(outcome.out()).isZero();
  }
}
