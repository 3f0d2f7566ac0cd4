package io.tutti.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code runs.tsv}: how {@code bench/compare} ran one workload against one system.
 *
 * @param exitStatus the exit code of {@code tutti bench} ("0", "1", ...), {@code not started} when the system never
 *     came up, or "" when not recorded
 * @param cpuIdlePercent the CPU idle percentage seen just before the run, or -1 when not recorded
 */
public record RunRecord(String system, String workload, String exitStatus, Quietness quiet, int cpuIdlePercent,
    String command) {
  static final String FILE = "runs.tsv";
  private static final int FIELDS = 8;

  /** Whether the machine was quiet before the run (CPU idle above the script's threshold). */
  public enum Quietness { QUIET, NOT_QUIET, UNKNOWN }

  /** A run with no line in runs.tsv (made by hand, or the file is absent). */
  static RunRecord unrecorded(String system, String workload) {
    return new RunRecord(system, workload, "", Quietness.UNKNOWN, -1, "");
  }

  /** Whether the run ended with exit code 0 (or nothing says otherwise). */
  public boolean succeeded() {
    return exitStatus.isEmpty() || exitStatus.equals("0");
  }

  /** What went wrong for a person: {@code exit 1}, {@code not started}; "" for a success. */
  public String failure() {
    if (succeeded()) {
      return "";
    }
    return exitStatus.chars().allMatch(Character::isDigit) ? "exit " + exitStatus : exitStatus;
  }

  /** The lines of {@code dir/runs.tsv} in file order; none when it is absent. The header line is skipped. */
  static List<RunRecord> readAll(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    List<RunRecord> records = new ArrayList<>();
    if (!Files.exists(file)) {
      return records;
    }
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || (i == 0 && line.startsWith("system\t"))) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != FIELDS) {
        throw new IOException(file + " line " + (i + 1) + ": expected " + FIELDS + " tab-separated fields, got "
            + fields.length);
      }
      records.add(new RunRecord(fields[0], fields[1], fields[2], quietness(fields[3]), percent(fields[4]),
          fields[7]));
    }
    return records;
  }

  private static Quietness quietness(String text) {
    return switch (text) {
      case "yes" -> Quietness.QUIET;
      case "no" -> Quietness.NOT_QUIET;
      default -> Quietness.UNKNOWN;
    };
  }

  private static int percent(String text) {
    try {
      return text.isEmpty() ? -1 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
