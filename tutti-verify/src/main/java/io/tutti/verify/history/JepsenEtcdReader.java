package io.tutti.verify.history;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads Jepsen's 2014 etcd logs: lines {@code INFO  jepsen.util - <process>\t<type>\t<f>\t<value>} such as
 * {@code 3\t:invoke\t:cas\t[1 4]} or {@code 3\t:info\t:write\t:timed-out}. One register, key {@code ""}; real-time
 * order is line order, so the line number is the time. Lines of other loggers, and the nemesis's, are skipped.
 */
final class JepsenEtcdReader {
  static final String MARKER = "jepsen.util - ";

  private JepsenEtcdReader() {}

  static History read(Path file, List<String> lines) throws HistoryFormatException {
    ProcessPairing pairing = new ProcessPairing(file);
    for (int i = 0; i < lines.size(); i++) {
      int at = lines.get(i).indexOf(MARKER);
      if (at >= 0) {
        readLine(pairing, file, i + 1, lines.get(i).substring(at + MARKER.length()));
      }
    }
    return new History(HistoryFormat.JEPSEN_ETCD.formatName(), pairing.finish(lines.size()));
  }

  private static void readLine(ProcessPairing pairing, Path file, int line, String payload)
      throws HistoryFormatException {
    String[] fields = payload.split("\t", -1);
    if (fields.length == 4 && fields[0].equals(":nemesis")) {
      return;
    }
    if (fields.length != 4) {
      throw new HistoryFormatException(file, line, "expected <process> <type> <f> <value> separated by tabs, got \""
          + payload + "\"");
    }
    int process = parseProcess(file, line, fields[0]);
    OpKind f = switch (fields[2]) {
      case ":read" -> OpKind.READ;
      case ":write" -> OpKind.WRITE;
      case ":cas" -> OpKind.CAS;
      default -> throw new HistoryFormatException(file, line, "unknown operation " + fields[2]
          + " (expected :read, :write or :cas)");
    };
    String value = fields[3].trim();
    switch (fields[1]) {
      case ":invoke" -> invoke(pairing, file, line, process, f, value);
      case ":ok" -> pairing.complete(line, process, OpType.OK, f, f == OpKind.READ ? atom(value) : null, null);
      case ":fail" -> pairing.complete(line, process, OpType.FAIL, f, null, keywordOrNull(value));
      case ":info" -> pairing.complete(line, process, OpType.INFO, f, null, keywordOrNull(value));
      default -> throw new HistoryFormatException(file, line, "unknown type " + fields[1]
          + " (expected :invoke, :ok, :fail or :info)");
    }
  }

  private static void invoke(ProcessPairing pairing, Path file, int line, int process, OpKind f, String value)
      throws HistoryFormatException {
    switch (f) {
      case READ -> pairing.invoke(line, process, f, "", null, null);
      case WRITE -> pairing.invoke(line, process, f, "", atom(value), null);
      case CAS -> {
        if (!value.startsWith("[") || !value.endsWith("]")) {
          throw new HistoryFormatException(file, line, "a cas needs [expected new], got \"" + value + "\"");
        }
        String[] pair = value.substring(1, value.length() - 1).trim().split("\\s+");
        if (pair.length != 2) {
          throw new HistoryFormatException(file, line, "a cas needs [expected new], got \"" + value + "\"");
        }
        pairing.invoke(line, process, f, "", atom(pair[1]), atom(pair[0]));
      }
      default -> throw new IllegalStateException("the switch above yields only read, write and cas, not " + f);
    }
  }

  private static int parseProcess(Path file, int line, String text) throws HistoryFormatException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new HistoryFormatException(file, line, "process \"" + text + "\" is not a number");
    }
  }

  /** {@code nil} is absent; any other token is the value as written. */
  private static String atom(String token) {
    return token.equals("nil") ? null : token;
  }

  /** {@code :timed-out} becomes the error text {@code timed-out}. */
  private static String keywordOrNull(String token) {
    return token.startsWith(":") ? token.substring(1) : null;
  }
}
