package io.tutti.verify.history;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Porcupine's kv histories: one flat EDN map a line,
 * {@code {:process 3, :type :invoke, :f :append, :key "7", :value "x 3 12 y"}}. Types {@code :invoke},
 * {@code :ok} (and {@code :fail}, {@code :info} if present); operations {@code :get} (read; its result is the
 * value of the ok line), {@code :put} (write), {@code :append}. Times are line numbers. Keys start as {@code ""}
 * ({@link HistoryFormat#PORCUPINE_KV}).
 */
final class PorcupineKvReader {
  private PorcupineKvReader() {}

  /** An EDN scalar: a keyword ({@code text} without its colon), a string, a number, or nil. */
  private record Atom(Kind kind, String text) {
    enum Kind { KEYWORD, STRING, NUMBER, NIL }
  }

  static History read(Path file, List<String> lines) throws HistoryFormatException {
    ProcessPairing pairing = new ProcessPairing(file);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        readLine(pairing, file, i + 1, parseMap(file, i + 1, lines.get(i)));
      }
    }
    return new History(HistoryFormat.PORCUPINE_KV.formatName(), pairing.finish(lines.size()));
  }

  private static void readLine(ProcessPairing pairing, Path file, int line, Map<String, Atom> map)
      throws HistoryFormatException {
    Atom process = required(file, line, map, "process", Atom.Kind.NUMBER);
    Atom type = required(file, line, map, "type", Atom.Kind.KEYWORD);
    Atom f = required(file, line, map, "f", Atom.Kind.KEYWORD);
    OpKind kind = switch (f.text()) {
      case "get" -> OpKind.READ;
      case "put" -> OpKind.WRITE;
      case "append" -> OpKind.APPEND;
      default -> throw new HistoryFormatException(file, line, "unknown :f :" + f.text()
          + " (expected :get, :put or :append)");
    };
    int processNumber;
    try {
      processNumber = Integer.parseInt(process.text());
    } catch (NumberFormatException e) {
      throw new HistoryFormatException(file, line, ":process " + process.text() + " is not an int");
    }
    String value = stringOrNil(file, line, map.get("value"));
    switch (type.text()) {
      case "invoke" -> {
        String key = stringOrNil(file, line, required(file, line, map, "key", Atom.Kind.STRING));
        pairing.invoke(line, processNumber, kind, key, kind == OpKind.READ ? null : value, null);
      }
      case "ok" -> pairing.complete(line, processNumber, OpType.OK, kind, value, null);
      case "fail" -> pairing.complete(line, processNumber, OpType.FAIL, kind, null, null);
      case "info" -> pairing.complete(line, processNumber, OpType.INFO, kind, null, null);
      default -> throw new HistoryFormatException(file, line, "unknown :type :" + type.text()
          + " (expected :invoke, :ok, :fail or :info)");
    }
  }

  private static Atom required(Path file, int line, Map<String, Atom> map, String name, Atom.Kind kind)
      throws HistoryFormatException {
    Atom atom = map.get(name);
    if (atom == null || atom.kind() != kind) {
      throw new HistoryFormatException(file, line, ":" + name + " must be a " + kind.name().toLowerCase()
          + (atom == null ? ", it is missing" : ", got " + atom.text()));
    }
    return atom;
  }

  private static String stringOrNil(Path file, int line, Atom atom) throws HistoryFormatException {
    if (atom == null || atom.kind() == Atom.Kind.NIL) {
      return null;
    }
    if (atom.kind() != Atom.Kind.STRING) {
      throw new HistoryFormatException(file, line, "expected a string or nil, got " + atom.text());
    }
    return atom.text();
  }

  /** Parses {@code {:k v, :k v}} with scalar values only; commas are whitespace, as in EDN. */
  private static Map<String, Atom> parseMap(Path file, int line, String text) throws HistoryFormatException {
    Scanner in = new Scanner(file, line, text);
    Map<String, Atom> map = new HashMap<>();
    in.skipSpace();
    in.expect('{');
    while (true) {
      in.skipSpace();
      if (in.peek() == '}') {
        in.next();
        break;
      }
      Atom key = in.atom();
      if (key.kind() != Atom.Kind.KEYWORD) {
        throw in.error("expected a keyword as map key, got " + key.text());
      }
      in.skipSpace();
      map.put(key.text(), in.atom());
    }
    in.skipSpace();
    if (in.peek() != Scanner.END) {
      throw in.error("unexpected text after the map");
    }
    return map;
  }

  /** A cursor over one line. */
  private static final class Scanner {
    static final int END = -1;
    private final Path file;
    private final int line;
    private final String text;
    private int at;

    Scanner(Path file, int line, String text) {
      this.file = file;
      this.line = line;
      this.text = text;
    }

    int peek() {
      return at < text.length() ? text.charAt(at) : END;
    }

    int next() {
      int c = peek();
      at++;
      return c;
    }

    void skipSpace() {
      while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == ',')) {
        at++;
      }
    }

    void expect(char c) throws HistoryFormatException {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    HistoryFormatException error(String problem) {
      return new HistoryFormatException(file, line, problem + " at column " + (at + 1));
    }

    Atom atom() throws HistoryFormatException {
      if (peek() == '"') {
        return string();
      }
      int start = at;
      while (at < text.length() && !Character.isWhitespace(peek()) && peek() != ',' && peek() != '}') {
        at++;
      }
      String token = text.substring(start, at);
      if (token.isEmpty()) {
        throw error("expected a value");
      }
      if (token.startsWith(":") && token.length() > 1) {
        return new Atom(Atom.Kind.KEYWORD, token.substring(1));
      }
      if (token.equals("nil")) {
        return new Atom(Atom.Kind.NIL, token);
      }
      if (token.matches("-?[0-9]+")) {
        return new Atom(Atom.Kind.NUMBER, token);
      }
      throw new HistoryFormatException(file, line, "unsupported value \"" + token + "\" at column " + (start + 1));
    }

    private Atom string() throws HistoryFormatException {
      int start = at;
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        int c = next();
        switch (c) {
          case END -> throw new HistoryFormatException(file, line, "unterminated string starting at column "
              + (start + 1));
          case '"' -> {
            return new Atom(Atom.Kind.STRING, out.toString());
          }
          case '\\' -> out.append(switch (next()) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '"' -> '"';
            case '\\' -> '\\';
            default -> throw error("unsupported escape in string");
          });
          default -> out.append((char) c);
        }
      }
    }
  }
}
