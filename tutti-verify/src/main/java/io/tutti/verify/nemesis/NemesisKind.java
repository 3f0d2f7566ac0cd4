package io.tutti.verify.nemesis;

import java.util.List;

/** Which faults a verify run injects. */
public enum NemesisKind {
  /** No faults: a baseline. */
  NONE,
  /** SIGKILL then restart: a random node, a shard leader, or a majority. */
  KILL,
  /** SIGSTOP then SIGCONT: a random node or a shard leader. */
  PAUSE,
  /** Network partitions: majority/minority halves, an isolated leader, or a bridge. */
  PARTITION,
  /** A random one of kill, pause and partition in each fault window. */
  MIXED;

  /** The single kinds this one draws from. */
  public List<NemesisKind> parts() {
    return this == MIXED ? List.of(KILL, PAUSE, PARTITION) : this == NONE ? List.of() : List.of(this);
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
