package io.tutti.verify.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Embeds a checker's own JSON document in the run's verdict. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A checker's result record as JSON (its Jackson annotations decide the field names). */
  static JsonNode tree(Object result) {
    return MAPPER.valueToTree(result);
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a checker wrote JSON that does not parse", e);
    }
  }
}
