package io.tutti.verify.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads history files of any of the {@link HistoryFormat}s, recognised by their first non-blank line:
 * <ul>
 *   <li>a log line of a Jepsen logger ({@code INFO  jepsen.util - ...}): a Jepsen etcd log;
 *   <li>an EDN map, {@code {:process ...}}: a Porcupine kv history;
 *   <li>any other line starting with <code>{</code>: Tutti JSON Lines ({@link HistoryWriter}).
 * </ul>
 * An empty file is an empty Tutti history.
 */
public final class HistoryFiles {
  private HistoryFiles() {}

  /**
   * The history in {@code file}, operations in invocation order.
   *
   * @throws HistoryFormatException if the file is not a history; the message names the file and the line
   * @throws IOException if the file cannot be read
   */
  public static History read(Path file) throws IOException, HistoryFormatException {
    List<String> lines = readLines(file);
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      return new History(HistoryFormat.TUTTI_JSONL.formatName(), List.of());
    }
    String line = lines.get(first).strip();
    if (line.matches("[A-Z]+\\s+jepsen\\..*")) {
      return JepsenEtcdReader.read(file, lines);
    }
    if (line.matches("\\{\\s*:.*")) {
      return PorcupineKvReader.read(file, lines);
    }
    if (line.startsWith("{")) {
      // Any other object is meant as Tutti JSON: its reader says precisely what is wrong with a bad line.
      return TuttiJsonLinesReader.read(file, lines);
    }
    throw new HistoryFormatException(file, first + 1, "not a history: expected a Tutti JSON line ({\"f\":...}), "
        + "a Jepsen etcd log line (INFO  jepsen.util - ...) or a Porcupine kv EDN map ({:process ...})");
  }

  /** The lines of {@code file}, each decoded on its own so that bytes that are not UTF-8 are located. */
  private static List<String> readLines(Path file) throws IOException, HistoryFormatException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    List<String> lines = new ArrayList<>();
    for (int start = 0; start < bytes.length; ) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int length = end - start - (end > start && bytes[end - 1] == '\r' ? 1 : 0);
      try {
        lines.add(utf8.decode(ByteBuffer.wrap(bytes, start, length)).toString());
      } catch (CharacterCodingException e) {
        throw new HistoryFormatException(file, lines.size() + 1, "not UTF-8 text");
      }
      start = end + 1;
    }
    return lines;
  }
}
