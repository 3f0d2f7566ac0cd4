package io.tutti.verify.nemesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nemesis timeline: when each fault started and ended, in nanoseconds since the run started (the history's clock).
 * Appended to {@code nemesis.jsonl} as it happens, one JSON object per event:
 * {@code {"time_ns":..,"event":"start"|"end"|"note","kind":"kill","fault":"kill n2 (leader)"}}.
 */
public final class Timeline implements AutoCloseable {
  /** A fault from its start to its end ({@code endNanos} is -1 while it lasts). */
  public record Window(long startNanos, long endNanos, NemesisKind kind, String why, String label) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;
  private final List<Window> windows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public Timeline(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  public synchronized void started(long nowNanos, Fault fault) throws IOException {
    windows.add(new Window(nowNanos, -1, fault.kind(), fault.why(), fault.label()));
    write(nowNanos, "start", fault.kind().label(), fault.label());
  }

  public synchronized void ended(long nowNanos, Fault fault) throws IOException {
    for (int i = windows.size() - 1; i >= 0; i--) {
      Window window = windows.get(i);
      if (window.endNanos() < 0 && window.label().equals(fault.label())) {
        windows.set(i, new Window(window.startNanos(), nowNanos, window.kind(), window.why(), window.label()));
        break;
      }
    }
    write(nowNanos, "end", fault.kind().label(), fault.label());
  }

  /** Something the nemesis did or could not do that is not a fault window (e.g. "no leader known, picked n3"). */
  public synchronized void note(long nowNanos, String text) throws IOException {
    notes.add(text);
    write(nowNanos, "note", null, text);
  }

  private void write(long nowNanos, String event, String kind, String text) throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time_ns", nowNanos);
    line.put("event", event);
    if (kind != null) {
      line.put("kind", kind);
    }
    line.put(kind != null ? "fault" : "text", text);
    out.write(JSON.writeValueAsString(line));
    out.newLine();
    out.flush();
  }

  public synchronized List<Window> windows() {
    return List.copyOf(windows);
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
