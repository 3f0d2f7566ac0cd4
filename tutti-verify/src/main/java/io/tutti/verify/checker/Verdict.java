package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The answer of a check. In JSON: {@code "linearizable"}, {@code "not_linearizable"}, {@code "unknown"}. */
public enum Verdict {
  LINEARIZABLE,
  NOT_LINEARIZABLE,
  /** The check stopped at a limit (time, memory) before it could decide. */
  UNKNOWN;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
