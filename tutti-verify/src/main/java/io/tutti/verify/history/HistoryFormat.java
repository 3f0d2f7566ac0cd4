package io.tutti.verify.history;

import java.util.Locale;
import java.util.Optional;

/** The history file formats {@link HistoryFiles#read} understands, and what each implies for checking. */
public enum HistoryFormat {
  /** Tutti's own JSON Lines (see {@link HistoryWriter}): keys start absent, times are nanoseconds. */
  TUTTI_JSONL("tutti-jsonl", null, false),
  /** Jepsen's 2014 etcd logs: one register (key {@code ""}) that starts absent (nil), times are line numbers. */
  JEPSEN_ETCD("jepsen-etcd", null, true),
  /** Porcupine's kv test histories: string registers that start as {@code ""}, times are line numbers. */
  PORCUPINE_KV("porcupine-kv", "", true);

  private final String formatName;
  private final String initialValue;
  private final boolean timesAreLineNumbers;

  HistoryFormat(String formatName, String initialValue, boolean timesAreLineNumbers) {
    this.formatName = formatName;
    this.initialValue = initialValue;
    this.timesAreLineNumbers = timesAreLineNumbers;
  }

  /** The name a {@link History} carries, e.g. {@code "tutti-jsonl"}. */
  public String formatName() {
    return formatName;
  }

  /** The value every key holds before the first operation; null means absent. */
  public String initialValue() {
    return initialValue;
  }

  /** Whether operation times are line numbers of the file rather than nanoseconds. */
  public boolean timesAreLineNumbers() {
    return timesAreLineNumbers;
  }

  /** The format called {@code formatName}, if it is one of these. */
  public static Optional<HistoryFormat> named(String formatName) {
    for (HistoryFormat format : values()) {
      if (format.formatName.equals(formatName)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** {@code time} as a reader should see it: {@code "line 12"} or {@code "1.200 ms"}. */
  public String formatTime(long time) {
    return timesAreLineNumbers ? "line " + time : formatNanos(time);
  }

  /** Nanoseconds as milliseconds with three decimals: {@code 1200000} is {@code "1.200 ms"}. */
  public static String formatNanos(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }
}
