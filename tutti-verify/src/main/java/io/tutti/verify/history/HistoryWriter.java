package io.tutti.verify.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends operations to a Tutti history file. Safe to share between client threads: each operation is written
 * as one whole line and flushed, so a run that dies leaves every completed line readable.
 *
 * <h2>The Tutti history format</h2>
 * JSON Lines, UTF-8: one JSON object per line, one line per operation, in any order (readers sort by
 * {@code invoke_ns}). Fields, in snake_case:
 * <pre>
 * {"id":12,"process":3,"f":"cas","key":"r1","value":"p3-17","expected":"p1-4","type":"ok","invoke_ns":1200,"complete_ns":3400,"error":null}
 * {"id":13,"process":3,"f":"read","key":"r1","value":"p3-17","version":57,"type":"ok","invoke_ns":3500,"complete_ns":3900,"error":null}
 * </pre>
 * <ul>
 *   <li>{@code id} (number, unique), {@code process} (number), {@code f} ({@code read write cas delete create
 *       append add}), {@code type} ({@code ok fail info}), {@code invoke_ns} and {@code complete_ns} (monotonic
 *       nanoseconds since the start of the run): required;
 *   <li>{@code key}, {@code value}, {@code expected}, {@code error}: strings or null, and may be left out when null.
 *       A missing key means the single register {@code ""}.
 *   <li>{@code version} (number or null, written only when known, after {@code expected}): on an {@code ok} read
 *       the key's version read, 0 when the key is absent; on an {@code ok} write, cas, create, append or delete
 *       the key's new version. Histories recorded before versions were, and those of other tools, have none.
 * </ul>
 * The meaning of each field per operation kind is on {@link Operation}. Blank lines are ignored; unknown fields
 * are ignored so that later writers may add some.
 */
public final class HistoryWriter implements AutoCloseable {
  private static final ObjectWriter JSON = new ObjectMapper().writerFor(Operation.class);

  private final Writer out;

  /** Writes to {@code out}; closing this writer closes it. */
  public HistoryWriter(Writer out) {
    this.out = out;
  }

  /** Appends to {@code file}, creating it if needed. */
  public HistoryWriter(Path file) throws IOException {
    this(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE));
  }

  /** Writes {@code operation} as one line and flushes it. */
  public synchronized void append(Operation operation) throws IOException {
    out.write(toLine(operation));
    out.write('\n');
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /** The line (without its newline) that stands for {@code operation} in a Tutti history file. */
  public static String toLine(Operation operation) {
    try {
      return JSON.writeValueAsString(operation);
    } catch (IOException e) {
      // Strings, numbers and enums only: Jackson cannot fail on them unless it is broken.
      throw new IllegalStateException("cannot encode operation " + operation.id(), e);
    }
  }
}
