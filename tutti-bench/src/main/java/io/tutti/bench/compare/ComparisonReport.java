package io.tutti.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link Comparison} for people (header lines, a table of figures, a table of ratios, a legend) and for programs
 * ({@code summary.json}). A figure that does not exist is "—"; a run with errors or a failed exit is marked "!".
 */
public final class ComparisonReport {
  public static final String ABSENT = "—";
  public static final String FLAG = "!";
  private static final MathContext RATIO_SHOWN = new MathContext(2);
  private static final MathContext RATIO_SAVED = new MathContext(3);
  private static final Set<String> MACHINE_KEYS = Set.of("cpuModel", "nproc", "memTotalKiB", "kernel", "os",
      "dataFilesystem");
  private static final String VERSION_SUFFIX = "Version";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ComparisonReport() {}

  /** A table as text cells: a header and rows of the same width. */
  public record TextTable(List<String> header, List<List<String>> rows) {
    public TextTable {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, header " + header.size());
        }
      }
    }
  }

  public static String displayName(String system) {
    return switch (system) {
      case "tutti" -> "Tutti";
      case "redis" -> "Redis";
      default -> system;
    };
  }

  /** What was compared, where and with what settings. */
  public static List<String> header(Comparison comparison) {
    Map<String, String> meta = comparison.meta();
    List<String> lines = new ArrayList<>();
    String run = joined(", ",
        meta.containsKey("commit") ? "commit " + meta.get("commit")
            + ("true".equals(meta.get("commitDirty")) ? " (with uncommitted changes)" : "") : "",
        meta.containsKey("mode") ? meta.get("mode") + " run" : "", meta.getOrDefault("startedAt", ""));
    lines.add("Tutti, etcd and Redis side by side" + (run.isEmpty() ? "" : ": " + run));
    String machine = joined(", ",
        meta.containsKey("nproc") ? meta.get("nproc") + " CPUs" + (meta.containsKey("cpuModel")
            ? " (" + meta.get("cpuModel") + ")" : "") : "",
        meta.containsKey("memTotalKiB") ? gibibytes(meta.get("memTotalKiB")) : "",
        meta.getOrDefault("os", ""), meta.getOrDefault("kernel", ""),
        meta.containsKey("dataFilesystem") ? "data on " + meta.get("dataFilesystem") : "",
        comparison.benchJavaVersion().isEmpty() ? "" : "load generator on Java " + comparison.benchJavaVersion());
    if (!machine.isEmpty()) {
      lines.add("machine: " + machine);
    }
    String versions = joined(", ",
        meta.containsKey("etcdVersion") ? "etcd " + meta.get("etcdVersion") : "",
        meta.containsKey("redisVersion") ? "Redis " + meta.get("redisVersion") : "");
    if (!versions.isEmpty()) {
      lines.add("peers: " + versions);
    }
    comparison.rows().stream().flatMap(Comparison.Row::measured).findFirst()
        .ifPresent(m -> lines.add("every run: " + m.summary().settings()));
    return lines;
  }

  /** One line per workload and system: ops/s, p50, p99, errors, whether the machine was quiet, a note. */
  public static TextTable figures(Comparison comparison) {
    List<List<String>> rows = new ArrayList<>();
    for (Comparison.Row row : comparison.rows()) {
      boolean first = true;
      for (String system : Comparison.SYSTEMS) {
        List<String> cells = new ArrayList<>(List.of(first ? row.label() : "", displayName(system)));
        first = false;
        switch (row.outcome(system)) {
          case Outcome.Measured m -> {
            RunSummary s = m.summary();
            cells.add(String.format(Locale.ROOT, "%,.1f", s.opsPerSecond()));
            cells.add(milliseconds(s.p50Ms()));
            cells.add(milliseconds(s.p99Ms()));
            cells.add(s.errorsTotal() > 0 ? s.errorsTotal() + " " + FLAG : "0");
            cells.add(quiet(m.record()));
            cells.add(joined("; ", m.record().succeeded() ? "" : FLAG + " " + m.record().failure(),
                s.errorsTotal() > 0 ? FLAG + " errors: " + s.errors().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) : ""));
          }
          case Outcome.Failed f -> {
            cells.addAll(List.of(ABSENT, ABSENT, ABSENT, ABSENT, quiet(f.record())));
            cells.add(FLAG + " failed: " + f.reason());
          }
          case Outcome.Missing ignored -> {
            cells.addAll(List.of(ABSENT, ABSENT, ABSENT, ABSENT, ABSENT));
            cells.add("not run");
          }
        }
        rows.add(cells);
      }
    }
    return new TextTable(List.of("workload", "system", "ops/s", "p50 ms", "p99 ms", "errors", "quiet", "note"), rows);
  }

  /** One line per workload: Tutti's throughput and p99 over each peer's. */
  public static TextTable ratios(Comparison comparison) {
    List<String> header = new ArrayList<>(List.of("workload"));
    for (String peer : Comparison.PEERS) {
      header.add("ops/s Tutti/" + displayName(peer));
      header.add("p99 Tutti/" + displayName(peer));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Comparison.Row row : comparison.rows()) {
      List<String> cells = new ArrayList<>(List.of(row.label()));
      for (String peer : Comparison.PEERS) {
        String flag = row.ratioFlagged(peer) ? " " + FLAG : "";
        cells.add(ratio(row.throughputRatio(peer), flag));
        cells.add(ratio(row.p99Ratio(peer), flag));
      }
      rows.add(cells);
    }
    return new TextTable(header, rows);
  }

  /** How to read the tables, and every warning that applies. */
  public static List<String> legend(Comparison comparison) {
    List<String> lines = new ArrayList<>();
    lines.add("ops/s Tutti/peer above 1: Tutti does more per second; p99 Tutti/peer below 1: Tutti's p99 is lower.");
    lines.add("A write is acknowledged once fsynced on a majority (Tutti, etcd: 2 of 3 nodes) or on Redis's one node "
        + "(appendfsync always). Gets: linearizable on Tutti and etcd, plain GET on Redis.");
    boolean flagged = comparison.rows().stream().anyMatch(row -> Comparison.SYSTEMS.stream()
        .anyMatch(system -> row.outcome(system) instanceof Outcome.Measured m && m.flagged()
            || row.outcome(system) instanceof Outcome.Failed));
    if (flagged) {
      lines.add(FLAG + " a run had errors (its figures count successful operations only) or failed; see its note and "
          + "logs/<system>-<workload>.log.");
    }
    List<String> notQuiet = comparison.notQuietRuns();
    if (!notQuiet.isEmpty()) {
      boolean every = comparison.runsStarted(RunRecord.Quietness.QUIET).isEmpty();
      String threshold = comparison.meta().containsKey("quietIdleMinPercent")
          ? " (less than " + comparison.meta().get("quietIdleMinPercent") + "% idle)" : "";
      lines.add("quiet no: the CPU was busy before " + (every ? "every run" : String.join(", ", notQuiet))
          + threshold + ": other work may have slowed " + (every ? "them." : "it."));
    }
    comparison.inconsistencies().forEach(w -> lines.add("WARNING: " + w));
    return lines;
  }

  /** The comparison's summary.json: every figure of the tables, the ratios, meta.tsv's facts and the commands. */
  public static ObjectNode json(Comparison comparison) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode machine = JSON.createObjectNode();
    ObjectNode versions = JSON.createObjectNode();
    comparison.meta().forEach((key, value) -> {
      if (MACHINE_KEYS.contains(key)) {
        putTyped(machine, key, value);
      } else if (key.endsWith(VERSION_SUFFIX) && key.length() > VERSION_SUFFIX.length()) {
        versions.put(key.substring(0, key.length() - VERSION_SUFFIX.length()), value);
      } else {
        putTyped(root, key, value);
      }
    });
    if (!comparison.benchJavaVersion().isEmpty()) {
      machine.put("benchJavaVersion", comparison.benchJavaVersion());
    }
    root.set("machine", machine);
    root.set("versions", versions);
    List<String> notQuiet = comparison.notQuietRuns();
    root.put("machineQuiet", notQuiet.isEmpty());
    notQuiet.forEach(root.putArray("notQuietRuns")::add);
    comparison.inconsistencies().forEach(root.putArray("warnings")::add);

    ArrayNode workloads = root.putArray("workloads");
    for (Comparison.Row row : comparison.rows()) {
      ObjectNode workload = workloads.addObject();
      workload.put("id", row.workload());
      workload.put("label", row.label());
      ObjectNode systems = workload.putObject("systems");
      for (String system : Comparison.SYSTEMS) {
        outcomeJson(systems.putObject(system), system, row.workload(), row.outcome(system));
      }
      ObjectNode ratios = workload.putObject("ratios");
      for (String peer : Comparison.PEERS) {
        ObjectNode ratio = ratios.putObject("tuttiTo" + displayName(peer).substring(0, 1).toUpperCase(Locale.ROOT)
            + displayName(peer).substring(1));
        row.throughputRatio(peer).ifPresentOrElse(r -> ratio.put("opsPerSecond", r.round(RATIO_SAVED)),
            () -> ratio.putNull("opsPerSecond"));
        row.p99Ratio(peer).ifPresentOrElse(r -> ratio.put("p99", r.round(RATIO_SAVED)), () -> ratio.putNull("p99"));
        ratio.put("flagged", row.ratioFlagged(peer));
      }
    }
    comparison.commands().forEach(root.putArray("commands")::add);
    return root;
  }

  /** Writes {@link #json} to {@code dir/summary.json} and returns its path. */
  public static Path writeJson(Path dir, Comparison comparison) throws IOException {
    Path file = dir.resolve(Comparison.SUMMARY);
    Files.writeString(file, JSON.writeValueAsString(json(comparison)) + "\n");
    return file;
  }

  private static void outcomeJson(ObjectNode node, String system, String workload, Outcome outcome) {
    switch (outcome) {
      case Outcome.Measured m -> {
        RunSummary s = m.summary();
        node.put("status", "measured");
        node.put("opsPerSecond", s.opsPerSecond());
        node.put("p50Ms", s.p50Ms());
        node.put("p99Ms", s.p99Ms());
        node.put("errorsTotal", s.errorsTotal());
        ObjectNode errors = node.putObject("errors");
        s.errors().forEach(errors::put);
        node.put("flagged", m.flagged());
        if (!s.consistency().isEmpty()) {
          node.put("consistency", s.consistency());
        }
        recordJson(node, m.record());
        node.put("summary", Comparison.runName(system, workload) + "/" + Comparison.SUMMARY);
      }
      case Outcome.Failed f -> {
        node.put("status", "failed");
        node.put("reason", f.reason());
        recordJson(node, f.record());
      }
      case Outcome.Missing ignored -> node.put("status", "missing");
    }
  }

  private static void recordJson(ObjectNode node, RunRecord record) {
    if (!record.exitStatus().isEmpty()) {
      putTyped(node, "exitCode", record.exitStatus());
    }
    switch (record.quiet()) {
      case QUIET -> node.put("machineQuiet", true);
      case NOT_QUIET -> node.put("machineQuiet", false);
      case UNKNOWN -> { }
    }
    if (record.cpuIdlePercent() >= 0) {
      node.put("cpuIdlePercentBefore", record.cpuIdlePercent());
    }
    if (!record.command().isEmpty()) {
      node.put("command", record.command());
    }
  }

  /** Numbers and booleans as JSON numbers and booleans, anything else as a string. */
  private static void putTyped(ObjectNode node, String key, String value) {
    if (value.matches("-?\\d{1,18}")) {
      node.put(key, Long.parseLong(value));
    } else if (value.equals("true") || value.equals("false")) {
      node.put(key, Boolean.parseBoolean(value));
    } else {
      node.put(key, value);
    }
  }

  private static String ratio(Optional<BigDecimal> ratio, String flag) {
    return ratio.map(r -> r.round(RATIO_SHOWN).stripTrailingZeros().toPlainString() + "×" + flag).orElse(ABSENT);
  }

  private static String milliseconds(BigDecimal value) {
    return value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  private static String quiet(RunRecord record) {
    return switch (record.quiet()) {
      case QUIET -> "yes";
      case NOT_QUIET -> "no";
      case UNKNOWN -> ABSENT;
    };
  }

  private static String gibibytes(String kibibytes) {
    try {
      return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kibibytes) / (1024.0 * 1024.0));
    } catch (NumberFormatException e) {
      return kibibytes + " KiB";
    }
  }

  /** The non-empty parts, {@code separator} between them. */
  private static String joined(String separator, String... parts) {
    return java.util.Arrays.stream(parts).filter(part -> !part.isEmpty()).collect(Collectors.joining(separator));
  }
}
