package io.tutti.bench;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.Locale;

/** The system a run drives, each through its own {@link Driver}, with the same keys, values and key choice. */
public enum Target {
  /** A Tutti cluster, through the Java client ({@link TuttiDriver}). */
  TUTTI,
  /** An etcd cluster, through jetcd ({@link EtcdDriver}). */
  ETCD,
  /** One Redis server, through Lettuce ({@link RedisDriver}). */
  REDIS;

  public static Target parse(String text) {
    for (Target target : values()) {
      if (target.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return target;
      }
    }
    throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--target must be tutti, etcd or redis, got '%s'", text);
  }

  /** The name on the command line and in reports: {@code tutti}, {@code etcd}, {@code redis}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
