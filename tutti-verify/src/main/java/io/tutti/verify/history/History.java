package io.tutti.verify.history;

import java.util.List;

/**
 * The operations of one run and the name of the format they were read from ({@link HistoryFormat#formatName()};
 * histories built in memory use {@code "tutti-jsonl"}). {@link HistoryFiles} returns them in invocation order.
 */
public record History(String format, List<Operation> operations) {
  public History {
    operations = List.copyOf(operations);
  }

  /** The value every key holds before the first operation (null = absent): {@code ""} for Porcupine kv files. */
  public String initialValue() {
    return knownFormat().initialValue();
  }

  /** {@code time} as a reader should see it: a line number for the log formats, milliseconds otherwise. */
  public String formatTime(long time) {
    return knownFormat().formatTime(time);
  }

  /** The format named by {@link #format()}; a name this module does not know behaves like Tutti's own. */
  private HistoryFormat knownFormat() {
    return HistoryFormat.named(format).orElse(HistoryFormat.TUTTI_JSONL);
  }
}
