package io.tutti.verify.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.verify.history.HistoryWriter;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCheckTest {
  private static final Duration BUDGET = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private Path history(String name, Ops ops) throws IOException {
    Path file = dir.resolve(name);
    try (HistoryWriter writer = new HistoryWriter(file)) {
      for (Operation operation : ops.list()) {
        writer.append(operation);
      }
    }
    return file;
  }

  private List<String> lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aLinearizableFilePrintsOneLineAndExitsZero() throws IOException {
    Path good = history("good.jsonl", new Ops().write("r1", "a", OpType.OK, 0, 10).read("r1", "a", 20, 30));
    assertThat(VerifyCheck.run(List.of(good), BUDGET, out)).isZero();
    assertThat(lines()).containsExactly(good + ": linearizable");
  }

  @Test
  void aBadFilePrintsItsExplanationIndentedAndExitsOne() throws IOException {
    Path good = history("good.jsonl", new Ops().write("r1", "a", OpType.OK, 0, 10));
    Path bad = history("bad.jsonl", new Ops().write("r1", "a", OpType.OK, 1_000_000, 2_000_000)
        .cas("r1", "a", "b", OpType.FAIL, 3_000_000, 4_000_000));
    assertThat(VerifyCheck.run(List.of(good, bad), BUDGET, out)).isEqualTo(1);
    assertThat(lines()).containsExactly(
        good + ": linearizable",
        bad + ": NOT linearizable",
        "  key r1: these 2 operations cannot be ordered:",
        "    p1 write \"a\"  invoke 1.000 ms  ok 2.000 ms",
        "    p2 cas \"a\" -> \"b\"  invoke 3.000 ms  fail 4.000 ms");
  }

  @Test
  void logFormatsShowLineNumbersAsTimes() throws IOException {
    Path log = Files.write(dir.resolve("etcd.log"), List.of(
        "INFO  jepsen.util - 0\t:invoke\t:write\t1",
        "INFO  jepsen.util - 0\t:ok\t:write\t1",
        "INFO  jepsen.util - 1\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 1\t:ok\t:read\tnil"));
    assertThat(VerifyCheck.run(List.of(log), BUDGET, out)).isEqualTo(1);
    assertThat(lines()).containsExactly(
        log + ": NOT linearizable",
        "  the register: these 2 operations cannot be ordered:",
        "    p0 write \"1\"  invoke line 1  ok line 2",
        "    p1 read (absent)  invoke line 3  ok line 4");
  }

  @Test
  void anUndecidedFileIsUnknownWithItsReasonAndExitsOne() throws IOException {
    Path big = dir.resolve("big.jsonl");
    try (HistoryWriter writer = new HistoryWriter(big)) {
      for (Operation operation : RegisterSimulation.random(42, 5000, 1, 400)) {
        writer.append(operation);
      }
    }
    assertThat(VerifyCheck.run(List.of(big), Duration.ofNanos(1), out)).isEqualTo(1);
    assertThat(lines()).containsExactly(big + ": unknown (time budget of 1 ns per key exceeded on key k0)");
  }

  @Test
  void anUnreadableFileIsAnErrorWithItsLineAndExitsTwo() throws IOException {
    Path good = history("good.jsonl", new Ops().write("r1", "a", OpType.OK, 0, 10));
    Path broken = Files.write(dir.resolve("broken.jsonl"), List.of("{\"id\":1,\"f\":\"read\"}"));
    Path missing = dir.resolve("missing.jsonl");
    Path empty = Files.write(dir.resolve("empty.jsonl"), List.of());
    assertThat(VerifyCheck.run(List.of(good, broken, missing, empty), BUDGET, out)).isEqualTo(2);
    assertThat(lines()).containsExactly(
        good + ": linearizable",
        broken + ": error (line 1: \"process\" is missing)",
        missing + ": error (cannot read the file: java.nio.file.NoSuchFileException: " + missing + ")",
        empty + ": error (no operations: an empty history proves nothing)");
  }

  @Test
  void aViolationIsNotHiddenBehindAnotherFilesError() throws IOException {
    Path bad = history("bad.jsonl", new Ops().create("r1", "a", OpType.FAIL, 0, 10));
    Path broken = Files.write(dir.resolve("broken.jsonl"), List.of("nonsense"));
    assertThat(VerifyCheck.run(List.of(broken, bad), BUDGET, out)).isEqualTo(1);
  }
}
