package io.tutti.bench.compare;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A {@code bench/compare} results directory read back: one {@link Row} per workload with an {@link Outcome} for each
 * of {@link #SYSTEMS}, the run's facts from {@code meta.tsv} and the commands from {@code commands.txt}. See the
 * package documentation for the directory layout.
 */
public final class Comparison {
  /** The systems compared, in column order; Tutti is the numerator of every ratio. */
  public static final List<String> SYSTEMS = List.of("tutti", "etcd", "redis");
  public static final List<String> PEERS = SYSTEMS.subList(1, SYSTEMS.size());
  static final String SUMMARY = "summary.json";
  static final String META = "meta.tsv";
  static final String COMMANDS = "commands.txt";
  /** Ratios are kept exact enough that rounding them for display rounds only once. */
  private static final MathContext RATIO_DIGITS = MathContext.DECIMAL64;

  private final Map<String, String> meta;
  private final List<Row> rows;
  private final List<String> commands;

  private Comparison(Map<String, String> meta, List<Row> rows, List<String> commands) {
    this.meta = Collections.unmodifiableMap(meta);
    this.rows = List.copyOf(rows);
    this.commands = List.copyOf(commands);
  }

  /** One workload across the systems. */
  public record Row(String workload, Map<String, Outcome> outcomes) {
    public Row {
      outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    public Outcome outcome(String system) {
      return outcomes.getOrDefault(system, new Outcome.Missing());
    }

    /** {@code put, 100 clients} from the first measured run, else the workload id. */
    public String label() {
      return measured().findFirst().map(m -> m.summary().label()).orElse(workload);
    }

    /** Tutti's throughput over the peer's (above 1: Tutti does more), when both were measured. */
    public Optional<BigDecimal> throughputRatio(String peer) {
      return ratio(peer, RunSummary::opsPerSecond);
    }

    /** Tutti's p99 latency over the peer's (below 1: Tutti answers faster), when both were measured. */
    public Optional<BigDecimal> p99Ratio(String peer) {
      return ratio(peer, RunSummary::p99Ms);
    }

    /** Whether a run behind the ratio with {@code peer} had errors or failed. */
    public boolean ratioFlagged(String peer) {
      return Stream.of(outcome(SYSTEMS.getFirst()), outcome(peer))
          .anyMatch(o -> o instanceof Outcome.Measured m && m.flagged());
    }

    Stream<Outcome.Measured> measured() {
      return SYSTEMS.stream().map(this::outcome).filter(Outcome.Measured.class::isInstance)
          .map(Outcome.Measured.class::cast);
    }

    private Optional<BigDecimal> ratio(String peer, java.util.function.Function<RunSummary, BigDecimal> figure) {
      if (outcome(SYSTEMS.getFirst()) instanceof Outcome.Measured tutti
          && outcome(peer) instanceof Outcome.Measured other && figure.apply(other.summary()).signum() > 0) {
        return Optional.of(figure.apply(tutti.summary()).divide(figure.apply(other.summary()), RATIO_DIGITS));
      }
      return Optional.empty();
    }
  }

  /**
   * Reads {@code dir}. Workloads come in the order of {@code runs.tsv}, then any other run directory by name; a
   * summary.json that cannot be read makes that run {@link Outcome.Failed}, not the whole comparison.
   */
  public static Comparison load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " is not a directory");
    }
    List<RunRecord> records = RunRecord.readAll(dir);
    Map<String, RunRecord> recordByRun = new LinkedHashMap<>();
    Set<String> workloads = new LinkedHashSet<>();
    for (RunRecord record : records) {
      recordByRun.put(runName(record.system(), record.workload()), record);
      workloads.add(record.workload());
    }
    workloads.addAll(runDirectories(dir));
    List<Row> rows = new ArrayList<>();
    for (String workload : workloads) {
      Map<String, Outcome> outcomes = new LinkedHashMap<>();
      for (String system : SYSTEMS) {
        String run = runName(system, workload);
        outcomes.put(system, outcome(dir.resolve(run), recordByRun.get(run), system, workload));
      }
      rows.add(new Row(workload, outcomes));
    }
    return new Comparison(readMeta(dir), rows, readLines(dir.resolve(COMMANDS)));
  }

  private static Outcome outcome(Path runDir, RunRecord record, String system, String workload) {
    Path summary = runDir.resolve(SUMMARY);
    if (Files.isRegularFile(summary)) {
      try {
        return new Outcome.Measured(RunSummary.read(summary),
            record != null ? record : RunRecord.unrecorded(system, workload));
      } catch (IOException e) {
        return new Outcome.Failed(record != null ? record : RunRecord.unrecorded(system, workload), e.getMessage());
      }
    }
    if (record == null) {
      return new Outcome.Missing();
    }
    return new Outcome.Failed(record, record.succeeded() ? "no " + SUMMARY : record.failure());
  }

  /** Workload ids of the {@code <system>-<workload>} directories that hold a summary.json, by name. */
  private static Set<String> runDirectories(Path dir) throws IOException {
    Set<String> workloads = new TreeSet<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.filter(p -> Files.isRegularFile(p.resolve(SUMMARY))).toList()) {
        String name = child.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash > 0 && dash < name.length() - 1 && SYSTEMS.contains(name.substring(0, dash))) {
          workloads.add(name.substring(dash + 1));
        }
      }
    }
    return workloads;
  }

  static String runName(String system, String workload) {
    return system + "-" + workload;
  }

  private static Map<String, String> readMeta(Path dir) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    for (String line : readLines(dir.resolve(META))) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        meta.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return meta;
  }

  private static List<String> readLines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
  }

  public List<Row> rows() {
    return rows;
  }

  /** {@code meta.tsv} as written, in file order (empty when absent). */
  public Map<String, String> meta() {
    return meta;
  }

  public List<String> commands() {
    return commands;
  }

  /** The runs recorded as started on a machine that was not quiet, as {@code <system>-<workload>}. */
  public List<String> notQuietRuns() {
    return runsStarted(RunRecord.Quietness.NOT_QUIET);
  }

  /** The runs whose record says the machine was {@code quiet} before them, as {@code <system>-<workload>}. */
  public List<String> runsStarted(RunRecord.Quietness quiet) {
    return rows.stream().flatMap(row -> SYSTEMS.stream()
        .filter(system -> switch (row.outcome(system)) {
          case Outcome.Measured m -> m.record().quiet() == quiet;
          case Outcome.Failed f -> f.record().quiet() == quiet;
          case Outcome.Missing ignored -> false;
        })
        .map(system -> runName(system, row.workload()))).toList();
  }

  /**
   * Warnings that the figures are not comparable: measured runs whose settings (keys, value size, seed, warmup,
   * duration, loop) differ, or runs of one workload that did different operations.
   */
  public List<String> inconsistencies() {
    List<String> warnings = new ArrayList<>();
    Set<String> settings = new LinkedHashSet<>();
    rows.forEach(row -> row.measured().forEach(m -> settings.add(m.summary().settings())));
    if (settings.size() > 1) {
      warnings.add("the runs used different settings: " + String.join(" / ", settings));
    }
    for (Row row : rows) {
      Set<String> labels = new LinkedHashSet<>();
      row.measured().forEach(m -> labels.add(m.summary().label()));
      if (labels.size() > 1) {
        warnings.add(row.workload() + ": the systems ran different workloads: " + String.join(" / ", labels));
      }
    }
    return warnings;
  }

  /** The Java version of the first measured run (the load generator's), or "". */
  public String benchJavaVersion() {
    return rows.stream().flatMap(Row::measured).map(m -> m.summary().javaVersion()).filter(v -> !v.isEmpty())
        .findFirst().orElse("");
  }
}
