package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.verify.history.HistoryFormat;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Why a key is not linearizable: a few of its operations that no order consistent with real time can explain,
 * whichever of the key's other operations took effect (each of those may be placed in its own time window, or left
 * out). That is re-checked, so it is a proof that the key is not linearizable; when {@code minimal}, letting any one
 * of these operations be left out too would make the key linearizable.
 *
 * @param key the key
 * @param operations the operations that cannot be ordered, by invocation time
 * @param others how many other operations of the key were considered, each free to take effect or not
 * @param minimal whether minimisation finished; if the budget ran out first the set is still a proof, only larger
 * @param longestPrefix how many operations of the key the longest legal partial order found holds
 * @param stuck the operation that could not be linearized after that partial order
 */
public record Explanation(
    @JsonProperty("key") String key,
    @JsonProperty("operations") List<Operation> operations,
    @JsonProperty("others") int others,
    @JsonProperty("minimal") boolean minimal,
    @JsonProperty("longest_prefix") int longestPrefix,
    @JsonProperty("stuck") Operation stuck) {

  /** Operations listed by {@link #lines}; a larger set is left to the JSON verdict. */
  public static final int LINES_OPERATIONS_MAX = 10;
  /** Characters of a value shown by {@link #lines} before it is cut. */
  private static final int VALUE_CHARS_MAX = 40;

  public Explanation {
    operations = List.copyOf(operations);
  }

  /** The explanation for people, with nanosecond times shown as milliseconds. */
  @JsonIgnore
  public List<String> lines() {
    return lines(HistoryFormat::formatNanos);
  }

  /**
   * The explanation for people, a few lines:
   * <pre>
   * key r1: these 3 operations cannot be ordered:
   *   p3 write "a"  invoke 1.200 ms  ok 1.900 ms
   *   p1 write "b"  invoke 2.000 ms  ok 2.500 ms
   *   p2 read "a"  invoke 3.100 ms  ok 3.300 ms
   *   (whichever of the 41 other operations of key r1 took effect)
   * </pre>
   * When the budget ran out before the set was small, listing part of it would explain nothing: the lines show
   * where the search got stuck instead, and the whole set is left to the JSON verdict.
   */
  public List<String> lines(LongFunction<String> formatTime) {
    List<String> lines = new ArrayList<>();
    String these = operations.size() == 1 ? "this operation" : "these " + operations.size() + " operations";
    if (operations.size() > LINES_OPERATIONS_MAX) {
      lines.add(KeyResult.describe(key) + ": " + operations.size() + " operations cannot be ordered"
          + (minimal ? "" : " (not minimised: the time budget ran out)") + "; the search got stuck after ordering "
          + longestPrefix + ", at:");
      lines.add("  " + describe(stuck, formatTime));
      lines.add("  (the " + operations.size() + " operations are in the JSON verdict)");
      return lines;
    }
    lines.add(KeyResult.describe(key) + ": " + these + " cannot be ordered"
        + (minimal ? ":" : " (not minimised: the time budget ran out):"));
    for (Operation operation : operations) {
      lines.add("  " + describe(operation, formatTime));
    }
    if (others > 0) {
      lines.add("  (whichever of the " + others + " other operation" + (others == 1 ? "" : "s") + " of "
          + KeyResult.describe(key) + " took effect)");
    }
    return lines;
  }

  /** {@code p3 cas "a" -> "b"  invoke 1.200 ms  fail 1.900 ms}. */
  static String describe(Operation operation, LongFunction<String> formatTime) {
    String what = switch (operation.f()) {
      case READ -> "read " + quote(operation.value());
      case WRITE -> "write " + quote(operation.value());
      case CAS -> "cas " + quote(operation.expected()) + " -> " + quote(operation.value());
      case DELETE -> "delete";
      case CREATE -> "create " + quote(operation.value());
      case APPEND -> "append " + quote(operation.value());
      case ADD -> "add " + quote(operation.value());
    };
    String end = switch (operation.type()) {
      case OK -> "ok " + formatTime.apply(operation.completeNanos());
      case FAIL -> "fail " + formatTime.apply(operation.completeNanos());
      case INFO -> "info " + formatTime.apply(operation.completeNanos()) + " (may take effect later)";
    };
    return "p" + operation.process() + " " + what + "  invoke " + formatTime.apply(operation.invokeNanos()) + "  "
        + end;
  }

  private static String quote(String value) {
    if (value == null) {
      return "(absent)";
    }
    String shown = value.length() > VALUE_CHARS_MAX ? value.substring(0, VALUE_CHARS_MAX) : value;
    StringBuilder out = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    out.append('"');
    if (shown.length() < value.length()) {
      out.append("...(").append(value.length()).append(" chars)");
    }
    return out.toString();
  }
}
