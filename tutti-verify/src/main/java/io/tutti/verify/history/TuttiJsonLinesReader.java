package io.tutti.verify.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the Tutti history format described on {@link HistoryWriter}. */
final class TuttiJsonLinesReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TuttiJsonLinesReader() {}

  static History read(Path file, List<String> lines) throws HistoryFormatException {
    List<Operation> operations = new ArrayList<>();
    Map<Long, Integer> lineById = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      Operation operation = parseLine(file, i + 1, lines.get(i));
      Integer earlier = lineById.putIfAbsent(operation.id(), i + 1);
      if (earlier != null) {
        throw new HistoryFormatException(file, i + 1, "id " + operation.id() + " was already used on line "
            + earlier);
      }
      operations.add(operation);
    }
    operations.sort(Comparator.comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id));
    return new History(HistoryFormat.TUTTI_JSONL.formatName(), operations);
  }

  static Operation parseLine(Path file, int line, String text) throws HistoryFormatException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new HistoryFormatException(file, line, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new HistoryFormatException(file, line, "expected a JSON object");
    }
    Fields fields = new Fields(file, line, node);
    try {
      return new Operation(fields.number("id"), Math.toIntExact(fields.number("process")),
          OpKind.fromJsonName(fields.requiredText("f")), orEmpty(fields.text("key")), fields.text("value"),
          fields.text("expected"), fields.optionalNumber("version"), OpType.fromJsonName(fields.requiredText("type")),
          fields.number("invoke_ns"), fields.number("complete_ns"), fields.text("error"));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new HistoryFormatException(file, line, e.getMessage());
    }
  }

  private static String orEmpty(String key) {
    return key == null ? "" : key;
  }

  /** Typed access to the fields of one line, failing with the line number. */
  private record Fields(Path file, int line, JsonNode node) {
    long number(String name) throws HistoryFormatException {
      Long number = optionalNumber(name);
      if (number == null) {
        throw new HistoryFormatException(file, line, "\"" + name + "\" is missing");
      }
      return number;
    }

    /** The integer field {@code name}, or null if it is absent or null. */
    Long optionalNumber(String name) throws HistoryFormatException {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw new HistoryFormatException(file, line, "\"" + name + "\" must be an integer, got " + value);
      }
      return value.longValue();
    }

    String requiredText(String name) throws HistoryFormatException {
      String text = text(name);
      if (text == null) {
        throw new HistoryFormatException(file, line, "\"" + name + "\" is missing");
      }
      return text;
    }

    /** The string field {@code name}, or null if it is absent or null. */
    String text(String name) throws HistoryFormatException {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw new HistoryFormatException(file, line, "\"" + name + "\" must be a string or null, got " + value);
      }
      return value.textValue();
    }
  }
}
