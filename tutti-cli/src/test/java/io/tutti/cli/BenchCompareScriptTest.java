package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/compare} and {@code bench/install-peers} explain themselves and refuse bad options with one line and
 * exit code 2, before they install, start or measure anything. The comparison itself is a manual benchmark, not a test.
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

  @Test
  void scriptsPassShellcheck(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck is not installed");
    Outcome outcome = run(dir, "/usr/bin/shellcheck", BENCH.resolve("compare").toString(),
        BENCH.resolve("install-peers").toString());
    assertThat(outcome.exitCode()).as(outcome.out()).isZero();
  }
}
