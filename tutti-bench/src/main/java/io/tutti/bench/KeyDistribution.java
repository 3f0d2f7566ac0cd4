package io.tutti.bench;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.Locale;

/** How keys are picked from {@code 0 .. keys-1}. */
public enum KeyDistribution {
  /** Every key equally likely. */
  UNIFORM,
  /** A few hot keys: YCSB's zipfian with constant 0.99, key 0 the hottest. */
  ZIPFIAN;

  public static KeyDistribution parse(String text) {
    for (KeyDistribution distribution : values()) {
      if (distribution.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return distribution;
      }
    }
    throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--distribution must be uniform or zipfian, got '%s'", text);
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A chooser over {@code keys} keys; immutable and shared by all workers (each brings its own random stream). */
  KeyChooser chooser(long keys) {
    return switch (this) {
      case UNIFORM -> random -> random.nextLong(keys);
      case ZIPFIAN -> new ZipfianGenerator(keys, ZipfianGenerator.ZIPFIAN_CONSTANT);
    };
  }
}
