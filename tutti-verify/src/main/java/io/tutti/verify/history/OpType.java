package io.tutti.verify.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an operation ended, from the client's point of view. In history files: {@code "ok"}, {@code "fail"},
 * {@code "info"}.
 */
public enum OpType {
  /** The operation took effect (and, for a read, observed its value). */
  OK,
  /** The operation definitely did not change anything; a failed cas or create still observed the state. */
  FAIL,
  /** Unknown: the operation may take effect at any time after its invocation, or never. */
  INFO;

  /** The name used in history files: {@code "ok"}, {@code "fail"}, {@code "info"}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type whose {@link #jsonName()} is {@code name}; throws {@link IllegalArgumentException} if none is. */
  @JsonCreator
  public static OpType fromJsonName(String name) {
    for (OpType type : values()) {
      if (type.jsonName().equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown type \"" + name + "\" (expected ok, fail or info)");
  }
}
