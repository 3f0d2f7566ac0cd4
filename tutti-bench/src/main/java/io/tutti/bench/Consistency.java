package io.tutti.bench;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How strongly a get must reflect the writes before it, and which targets offer that level. A new level is one
 * constant here; the drivers' exhaustive switches then say, at compile time, where it must be mapped to the system's
 * own read option.
 */
public enum Consistency {
  /**
   * Every read sees every write acknowledged before it started. Tutti: a ReadIndex read on the shard leader. etcd: the
   * default range request (a quorum read). Redis: the only level of its one node, which serves every read itself.
   */
  LINEARIZABLE(Set.of(Target.TUTTI, Target.ETCD, Target.REDIS)),
  /** etcd's serializable range request: the member that receives it answers from its own store, possibly stale. */
  SERIALIZABLE(Set.of(Target.ETCD)),
  /** Tutti's session reads: any replica that has applied the client's session (read-your-writes, monotonic reads). */
  SESSION(Set.of(Target.TUTTI)),
  /**
   * Tutti's bounded-staleness reads, written {@code bounded;ms=N}: any replica that can prove it is at most N ms
   * behind.
   */
  BOUNDED(Set.of(Target.TUTTI)),
  /** Tutti's eventual reads: the replica of the node that receives the read, as it is. */
  EVENTUAL(Set.of(Target.TUTTI));

  /** Every target's default: the strongest level, which all of them offer. */
  public static final Consistency DEFAULT = LINEARIZABLE;

  private final Set<Target> targets;

  Consistency(Set<Target> targets) {
    this.targets = targets;
  }

  /** The level named {@code text} for {@code target}; an INVALID_ARGUMENT naming the levels the target offers. */
  public static Consistency parse(String text, Target target) {
    String name = text.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("bounded")) {
      io.tutti.core.read.Consistency.parse(text); // the bound must be well-formed: INVALID_ARGUMENT otherwise
      requireOffered(BOUNDED, target);
      return BOUNDED;
    }
    for (Consistency level : values()) {
      if (level.label().equals(name)) {
        requireOffered(level, target);
        return level;
      }
    }
    throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--consistency must be one of %s for %s, got '%s'",
        levels(target), target.label(), text);
  }

  /** An INVALID_ARGUMENT naming the levels {@code target} offers, unless it offers {@code level}. */
  static void requireOffered(Consistency level, Target target) {
    if (!level.offeredBy(target)) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--consistency %s is not offered by %s%s; it offers %s",
          level.label(), target.label(), target == Target.REDIS ? " (one node)" : "", levels(target));
    }
  }

  public boolean offeredBy(Target target) {
    return targets.contains(target);
  }

  public String label() {
    return this == BOUNDED ? "bounded;ms=N" : name().toLowerCase(Locale.ROOT);
  }

  static String levels(Target target) {
    return Arrays.stream(values()).filter(level -> level.offeredBy(target)).map(Consistency::label)
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return label();
  }
}
