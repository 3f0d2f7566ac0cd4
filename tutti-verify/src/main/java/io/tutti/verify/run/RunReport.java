package io.tutti.verify.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import io.tutti.verify.nemesis.NemesisKind;
import io.tutti.verify.nemesis.Timeline;
import io.tutti.verify.report.FaultWindow;
import io.tutti.verify.report.LatencyChart;
import io.tutti.verify.report.LatencyPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a verify run, written to its report folder: {@code verdict.json} (options, counts, every checker's
 * verdict), {@code summary.txt} (what the screen showed), {@code latency.png} (latency over time, faults shaded).
 * The history ({@code history.jsonl}), the timeline ({@code nemesis.jsonl}) and the node logs ({@code nodes/}) are
 * written while the run goes.
 */
final class RunReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .findAndRegisterModules();

  private final VerifyOptions options;
  private final String networkMode;
  private final List<NemesisKind> exercised;
  private final List<String> skipped;
  private final List<String> nemesisProblems;
  private final List<Operation> history;
  private final List<Timeline.Window> windows;
  private final long runNanos;
  private final Map<String, Map<String, Object>> checkers;

  RunReport(VerifyOptions options, String networkMode, List<NemesisKind> exercised, List<String> skipped,
      List<String> nemesisProblems, List<Operation> history, List<Timeline.Window> windows, long runNanos,
      Map<String, Map<String, Object>> checkers) {
    this.options = options;
    this.networkMode = networkMode;
    this.exercised = List.copyOf(exercised);
    this.skipped = List.copyOf(skipped);
    this.nemesisProblems = List.copyOf(nemesisProblems);
    this.history = history;
    this.windows = List.copyOf(windows);
    this.runNanos = runNanos;
    this.checkers = checkers;
  }

  /** Every checker passed, and the nemesis did what it was asked (no fault failed to inject). */
  boolean valid() {
    return nemesisProblems.isEmpty()
        && checkers.values().stream().allMatch(verdict -> Boolean.TRUE.equals(verdict.get("valid")));
  }

  Map<OpType, Long> counts() {
    Map<OpType, Long> counts = new EnumMap<>(OpType.class);
    for (OpType type : OpType.values()) {
      counts.put(type, 0L);
    }
    history.forEach(op -> counts.merge(op.type(), 1L, Long::sum));
    return counts;
  }

  void write(Path dir) throws IOException {
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("valid", valid());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("workload", options.workload());
    run.put("nemesis", options.nemesis().label());
    run.put("nodes", options.nodes());
    run.put("clients", options.clients());
    run.put("time_seconds", options.timeSeconds());
    run.put("seed", options.seed());
    run.put("network", networkMode);
    run.put("unsafe_local_reads", options.unsafeLocalReads());
    verdict.put("run", run);
    Map<String, Object> operations = new LinkedHashMap<>();
    operations.put("total", history.size());
    counts().forEach((type, count) -> operations.put(type.name().toLowerCase(java.util.Locale.ROOT), count));
    verdict.put("operations", operations);
    Map<String, Object> nemesis = new LinkedHashMap<>();
    nemesis.put("exercised", exercised.stream().map(NemesisKind::label).toList());
    nemesis.put("skipped", skipped);
    nemesis.put("faults", windows.stream().map(Timeline.Window::label).toList());
    nemesis.put("problems", nemesisProblems);
    verdict.put("nemesis", nemesis);
    verdict.put("checkers", checkers);
    JSON.writeValue(dir.resolve("verdict.json").toFile(), verdict);
    writeChart(dir.resolve("latency.png"));
  }

  private void writeChart(Path file) throws IOException {
    List<LatencyPoint> points = new ArrayList<>(history.size());
    for (Operation op : history) {
      LatencyPoint.Outcome outcome = switch (op.type()) {
        case OK -> LatencyPoint.Outcome.OK;
        case FAIL -> LatencyPoint.Outcome.FAIL;
        case INFO -> LatencyPoint.Outcome.INFO;
      };
      points.add(new LatencyPoint(op.invokeNanos() / 1e9, (op.completeNanos() - op.invokeNanos()) / 1e6, outcome));
    }
    List<FaultWindow> faults = new ArrayList<>();
    for (Timeline.Window window : windows) {
      long end = window.endNanos() < 0 ? runNanos : window.endNanos();
      faults.add(new FaultWindow(window.startNanos() / 1e9, end / 1e9, window.label()));
    }
    String title = String.format("tutti verify: %s, nemesis %s, %d nodes, seed %d", options.workload(),
        options.nemesis().label(), options.nodes(), options.seed());
    LatencyChart.writePng(file, title, points, faults, 1400, 700);
  }

  void printSummary(PrintStream out, Path dir) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream summary = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    Map<OpType, Long> counts = counts();
    summary.printf("operations: %,d (ok %,d, fail %,d, info %,d)%n", history.size(), counts.get(OpType.OK),
        counts.get(OpType.FAIL), counts.get(OpType.INFO));
    Map<String, Integer> faultCounts = new TreeMap<>();
    windows.forEach(window -> faultCounts.merge(window.kind().label() + " (" + window.why() + ")", 1, Integer::sum));
    summary.printf("faults: %d%s%n", windows.size(), faultCounts.isEmpty() ? "" : " — " + String.join(", ",
        faultCounts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList()));
    if (!skipped.isEmpty()) {
      summary.println("skipped nemeses (not passed): " + String.join(", ", skipped));
    }
    for (String problem : nemesisProblems) {
      summary.println("nemesis problem: " + problem);
    }
    checkers.forEach((name, verdict) -> summary.printf("%s: %s%n", name, verdict.get("summary")));
    summary.println("report: " + dir);
    summary.println("result: " + (valid() ? "PASS" : "FAIL"));
    String text = buffer.toString(StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("summary.txt"), text);
    out.print(text);
    out.flush();
  }
}
