package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code tutti bench} refuses bad options with one line and exit code 2, before it connects to anything. */
class BenchCommandTest {
  record Outcome(int exitCode, String err) {}

  private static Outcome run(String... args) {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exitCode = TuttiMain.run(args);
      return new Outcome(exitCode, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(originalErr);
    }
  }

  private static void assertUsageError(String expected, String... args) {
    Outcome outcome = run(args);
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.err().lines().toList()).as(outcome.err()).hasSize(1);
    assertThat(outcome.err()).startsWith("tutti bench: ").contains(expected);
  }

  @Test
  void badOptionsGiveOneLineAndExitCodeTwo() {
    // Nothing listens on port 1: a command that got past validation would fail differently.
    assertUsageError("--clients must be 1..1024, got 0", "bench", "--endpoints", "127.0.0.1:1", "--clients", "0");
    assertUsageError("--keys", "bench", "--endpoints", "127.0.0.1:1", "--keys", "100000001");
    assertUsageError("--value-size", "bench", "--endpoints", "127.0.0.1:1", "--value-size", "2000000");
    assertUsageError("--workload must be put, get or mixed:READ_PCT", "bench", "--workload", "mixed:x");
    assertUsageError("--distribution", "bench", "--distribution", "pareto");
    assertUsageError("--duration", "bench", "--duration", "0");
    assertUsageError("--duration", "bench", "--duration", "3601");
    assertUsageError("--warmup", "bench", "--warmup", "-1");
    assertUsageError("--rate must be at least 1", "bench", "--rate", "0");
    assertUsageError("'abc' is not an int", "bench", "--clients", "abc");
    assertUsageError("Unknown options: '--colour'", "bench", "--colour", "red");
  }
}
