package io.tutti.verify.history;

import java.nio.file.Path;

/**
 * A history file that cannot be read as any known format. The message names the file and the line, and is meant
 * for users as it is (no stack trace needed): {@code "run1.jsonl line 12: \"type\" is missing"}.
 */
public final class HistoryFormatException extends Exception {
  private final Path file;
  private final int line;
  private final String problem;

  /** A problem on {@code line} (1-based) of {@code file}. */
  public HistoryFormatException(Path file, int line, String problem) {
    super(file + " line " + line + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number of the offending line. */
  public int line() {
    return line;
  }

  /** The problem without the file name: {@code "line 12: \"type\" is missing"}. */
  public String detail() {
    return "line " + line + ": " + problem;
  }
}
