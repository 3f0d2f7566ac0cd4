package io.tutti.verify.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFilesTest {
  @TempDir
  Path dir;

  private Path file(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }

  private static Operation op(long id, int process, OpKind f, String key, String value, String expected,
      OpType type, long invoke, long complete, String error) {
    return new Operation(id, process, f, key, value, expected, null, type, invoke, complete, error);
  }

  // --- Tutti JSON Lines ---

  @Test
  void writerWritesTheDocumentedLine() throws IOException {
    StringWriter out = new StringWriter();
    try (HistoryWriter writer = new HistoryWriter(out)) {
      writer.append(op(12, 3, OpKind.CAS, "r1", "p3-17", "p1-4", OpType.OK, 1200, 3400, null));
    }
    assertThat(out.toString()).isEqualTo("{\"id\":12,\"process\":3,\"f\":\"cas\",\"key\":\"r1\",\"value\":\"p3-17\","
        + "\"expected\":\"p1-4\",\"type\":\"ok\",\"invoke_ns\":1200,\"complete_ns\":3400,\"error\":null}\n");
  }

  @Test
  void aKnownVersionIsWrittenAfterExpectedAndAnUnknownOneLeftOut() {
    Operation read = new Operation(13, 3, OpKind.READ, "r1", "p3-17", null, 57L, OpType.OK, 3500, 3900, null);
    assertThat(HistoryWriter.toLine(read)).isEqualTo("{\"id\":13,\"process\":3,\"f\":\"read\",\"key\":\"r1\","
        + "\"value\":\"p3-17\",\"expected\":null,\"version\":57,\"type\":\"ok\",\"invoke_ns\":3500,"
        + "\"complete_ns\":3900,\"error\":null}");
    assertThat(HistoryWriter.toLine(op(13, 3, OpKind.READ, "r1", null, null, OpType.FAIL, 3500, 3900, null)))
        .doesNotContain("version");
  }

  @Test
  void versionsReadBackAndAnAbsentReadKeepsVersionZero() throws Exception {
    Path path = dir.resolve("versions.jsonl");
    List<Operation> written = List.of(
        new Operation(0, 1, OpKind.WRITE, "k", "a", null, 41L, OpType.OK, 10, 20, null),
        new Operation(1, 1, OpKind.READ, "k", null, null, 0L, OpType.OK, 30, 40, null),
        new Operation(2, 2, OpKind.DELETE, "k", null, null, null, OpType.INFO, 50, 60, "OUTCOME_UNKNOWN"));
    try (HistoryWriter writer = new HistoryWriter(path)) {
      for (Operation operation : written) {
        writer.append(operation);
      }
    }
    assertThat(HistoryFiles.read(path).operations()).containsExactlyElementsOf(written);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(HistoryWriter.toLine(written.get(1)),
        Operation.class)).isEqualTo(written.get(1));
  }

  @Test
  void aBadVersionIsReportedWithItsLine() throws IOException {
    String read = "{\"id\":1,\"process\":1,\"f\":\"read\",\"type\":\"ok\",\"invoke_ns\":1,\"complete_ns\":2";
    String write = read.replace("\"read\"", "\"write\"");
    assertThatThrownBy(() -> HistoryFiles.read(file("a.jsonl", read + ",\"version\":\"7\"}")))
        .hasMessageContaining("line 1: \"version\" must be an integer, got \"7\"");
    assertThatThrownBy(() -> HistoryFiles.read(file("b.jsonl", read + ",\"version\":-1}")))
        .hasMessageContaining("line 1: operation 1, a read, has version -1");
    assertThatThrownBy(() -> HistoryFiles.read(file("c.jsonl", write + ",\"version\":0}")))
        .hasMessageContaining("line 1: operation 1, a write, has version 0 (reads: 0 or more, writes: 1 or more)");
  }

  @Test
  void anOperationRoundTripsThroughPlainJackson() throws IOException {
    Operation operation = op(3, 1, OpKind.DELETE, "k", null, null, OpType.INFO, 5, 8, "OUTCOME_UNKNOWN");
    String line = HistoryWriter.toLine(operation);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(line, Operation.class))
        .isEqualTo(operation);
  }

  @Test
  void writtenHistoryReadsBackInInvocationOrder() throws Exception {
    Path path = dir.resolve("run.jsonl");
    List<Operation> written = List.of(
        op(1, 1, OpKind.WRITE, "r1", "a \"quoted\"\nvalue", null, OpType.INFO, 50, 90, "OUTCOME_UNKNOWN"),
        op(0, 2, OpKind.READ, "r1", null, null, OpType.OK, 10, 20, null),
        op(2, 3, OpKind.CREATE, "r2", "x", null, OpType.FAIL, 60, 70, "VERSION_MISMATCH"));
    try (HistoryWriter writer = new HistoryWriter(path)) {
      for (Operation operation : written) {
        writer.append(operation);
      }
    }
    History history = HistoryFiles.read(path);
    assertThat(history.format()).isEqualTo("tutti-jsonl");
    assertThat(history.operations()).containsExactly(written.get(1), written.get(0), written.get(2));
  }

  @Test
  void concurrentWritersEachWriteWholeLines() throws Exception {
    Path path = dir.resolve("concurrent.jsonl");
    int threads = 4;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (HistoryWriter writer = new HistoryWriter(path)) {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int process = t;
        tasks.add(() -> {
          for (int i = 0; i < perThread; i++) {
            long id = process * perThread + i;
            writer.append(op(id, process, OpKind.APPEND, "k", "v".repeat(100), null, OpType.OK, id, id + 1, null));
          }
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(HistoryFiles.read(path).operations()).hasSize(threads * perThread);
  }

  @Test
  void nullFieldsAndTheKeyMayBeLeftOut() throws Exception {
    Path path = file("short.jsonl", "",
        "{\"id\":7,\"process\":1,\"f\":\"write\",\"value\":\"3\",\"type\":\"ok\",\"invoke_ns\":5,\"complete_ns\":9}");
    assertThat(HistoryFiles.read(path).operations())
        .containsExactly(op(7, 1, OpKind.WRITE, "", "3", null, OpType.OK, 5, 9, null));
  }

  @Test
  void aMissingFieldIsReportedWithFileAndLine() throws IOException {
    Path path = file("broken.jsonl",
        "{\"id\":1,\"process\":1,\"f\":\"read\",\"type\":\"ok\",\"invoke_ns\":1,\"complete_ns\":2}",
        "",
        "{\"id\":2,\"process\":1,\"f\":\"read\",\"invoke_ns\":3,\"complete_ns\":4}");
    assertThatThrownBy(() -> HistoryFiles.read(path))
        .isInstanceOf(HistoryFormatException.class)
        .hasMessage(path + " line 3: \"type\" is missing")
        .satisfies(e -> assertThat(((HistoryFormatException) e).line()).isEqualTo(3));
  }

  @Test
  void badValuesAreReportedWithTheirLine() throws IOException {
    String good = "{\"id\":1,\"process\":1,\"f\":\"read\",\"type\":\"ok\",\"invoke_ns\":1,\"complete_ns\":2}";
    assertThatThrownBy(() -> HistoryFiles.read(file("a.jsonl", good, good)))
        .hasMessageEndingWith("line 2: id 1 was already used on line 1");
    assertThatThrownBy(() -> HistoryFiles.read(file("b.jsonl", good.replace("\"read\"", "\"get\""))))
        .hasMessageContaining("line 1: unknown operation \"get\"");
    assertThatThrownBy(() -> HistoryFiles.read(file("c.jsonl", good, "{\"id\":2, oops}")))
        .hasMessageContaining("line 2: not valid JSON");
    assertThatThrownBy(() -> HistoryFiles.read(file("d.jsonl", good.replace("\"complete_ns\":2", "\"complete_ns\":0"))))
        .hasMessageContaining("line 1: operation 1 completes at 0 before its invocation at 1");
    assertThatThrownBy(() -> HistoryFiles.read(file("e.jsonl", good.replace("\"process\":1", "\"process\":\"p1\""))))
        .hasMessageContaining("line 1: \"process\" must be an integer, got \"p1\"");
  }

  @Test
  void bytesThatAreNotUtf8AreReportedWithTheirLine() throws IOException {
    Path path = dir.resolve("binary.jsonl");
    Files.write(path, new byte[] {'{', '}', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThatThrownBy(() -> HistoryFiles.read(path))
        .isInstanceOf(HistoryFormatException.class)
        .hasMessage(path + " line 2: not UTF-8 text");
  }

  @Test
  void anEmptyFileIsAnEmptyHistory() throws Exception {
    assertThat(HistoryFiles.read(file("empty.jsonl", "", "  ")).operations()).isEmpty();
  }

  @Test
  void textOfNoKnownFormatIsRefusedAtItsFirstLine() throws IOException {
    Path path = file("notes.txt", "", "hello");
    assertThatThrownBy(() -> HistoryFiles.read(path))
        .isInstanceOf(HistoryFormatException.class)
        .hasMessageStartingWith(path + " line 2: not a history");
  }

  // --- Jepsen etcd logs ---

  @Test
  void jepsenLinesArePairedPerProcessWithLineNumbersAsTimes() throws Exception {
    Path path = file("etcd.log",
        "INFO  jepsen.core - Worker 0 starting",
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 1\t:invoke\t:cas\t[nil 4]",
        "INFO  jepsen.util - 2\t:invoke\t:write\t3",
        "INFO  jepsen.util - 0\t:ok\t:read\tnil",
        "INFO  jepsen.util - 1\t:fail\t:cas\t[nil 4]",
        "INFO  jepsen.util - 2\t:info\t:write\t:timed-out",
        "INFO  jepsen.util - 3\t:invoke\t:cas\t[3 1]",
        "INFO  jepsen.util - 4\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 4\t:ok\t:read\t3",
        "INFO  jepsen.util - 5\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 5\t:fail\t:read\t:timed-out");
    History history = HistoryFiles.read(path);
    assertThat(history.format()).isEqualTo("jepsen-etcd");
    assertThat(history.initialValue()).isNull();
    assertThat(history.formatTime(7)).isEqualTo("line 7");
    assertThat(history.operations()).containsExactly(
        op(0, 0, OpKind.READ, "", null, null, OpType.OK, 2, 5, null),
        op(1, 1, OpKind.CAS, "", "4", null, OpType.FAIL, 3, 6, null),
        op(2, 2, OpKind.WRITE, "", "3", null, OpType.INFO, 4, 7, "timed-out"),
        op(3, 3, OpKind.CAS, "", "1", "3", OpType.INFO, 8, 13, "no completion"),
        op(4, 4, OpKind.READ, "", "3", null, OpType.OK, 9, 10, null),
        op(5, 5, OpKind.READ, "", null, null, OpType.FAIL, 11, 12, "timed-out"));
  }

  @Test
  void aJepsenCompletionWithoutInvocationIsReportedWithItsLine() throws IOException {
    Path path = file("etcd.log",
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 0\t:ok\t:read\t1",
        "INFO  jepsen.util - 0\t:ok\t:read\t1");
    assertThatThrownBy(() -> HistoryFiles.read(path))
        .hasMessage(path + " line 3: process 0 completes a read it never invoked");
  }

  @Test
  void aMalformedJepsenLineIsReportedWithItsLine() throws IOException {
    Path path = file("etcd.log",
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 1\t:invoke\t:cas\t[1 2 3]");
    assertThatThrownBy(() -> HistoryFiles.read(path))
        .hasMessage(path + " line 2: a cas needs [expected new], got \"[1 2 3]\"");
  }

  // --- Porcupine kv ---

  @Test
  void porcupineKvMapsGetPutAppendAndTakesTheReadValueFromTheOkLine() throws Exception {
    Path path = file("c01.txt",
        "{:process 0, :type :invoke, :f :put, :key \"7\", :value \"x 0 0 y\"}",
        "{:process 1, :type :invoke, :f :get, :key \"7\", :value nil}",
        "{:process 0, :type :ok, :f :put, :key \"7\", :value \"x 0 0 y\"}",
        "{:process 1, :type :ok, :f :get, :key \"7\", :value \"\"}",
        "{:process 2, :type :invoke, :f :append, :key \"3\", :value \"a \\\"b\\\"\"}");
    History history = HistoryFiles.read(path);
    assertThat(history.format()).isEqualTo("porcupine-kv");
    assertThat(history.initialValue()).isEmpty();
    assertThat(history.operations()).containsExactly(
        op(0, 0, OpKind.WRITE, "7", "x 0 0 y", null, OpType.OK, 1, 3, null),
        op(1, 1, OpKind.READ, "7", "", null, OpType.OK, 2, 4, null),
        op(2, 2, OpKind.APPEND, "3", "a \"b\"", null, OpType.INFO, 5, 6, "no completion"));
  }

  @Test
  void aMalformedEdnLineIsReportedWithItsLineAndColumn() throws IOException {
    Path path = file("c01.txt",
        "{:process 0, :type :invoke, :f :put, :key \"7\", :value \"x 0 0 y\"}",
        "{:process 0, :type :ok, :f :put, :key \"7\", :value \"x 0 0 y}");
    assertThatThrownBy(() -> HistoryFiles.read(path))
        .hasMessage(path + " line 2: unterminated string starting at column 51");
  }

  @Test
  void anEdnLineWithoutItsKeyIsRefused() throws IOException {
    Path path = file("c01.txt", "{:process 0, :type :invoke, :f :get, :value nil}");
    assertThatThrownBy(() -> HistoryFiles.read(path))
        .hasMessage(path + " line 1: :key must be a string, it is missing");
  }
}
