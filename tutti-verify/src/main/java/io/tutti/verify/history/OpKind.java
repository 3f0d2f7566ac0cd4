package io.tutti.verify.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an operation does. In history files each kind is written by its lower-case name ({@code "cas"}). */
public enum OpKind {
  READ, WRITE, CAS, DELETE, CREATE, APPEND, ADD;

  /** The name used in history files: {@code "read"}, {@code "cas"}, ... */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind whose {@link #jsonName()} is {@code name}; throws {@link IllegalArgumentException} if none is. */
  @JsonCreator
  public static OpKind fromJsonName(String name) {
    for (OpKind kind : values()) {
      if (kind.jsonName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown operation \"" + name + "\" (expected one of read, write, cas, "
        + "delete, create, append, add)");
  }
}
