package io.tutti.core.kv;

/** A precondition on a key's current version, checked when the write is applied. */
public sealed interface Condition {
  /** Unconditional. */
  record Always() implements Condition {}

  /** Compare-and-set: the key exists and its version is exactly {@code version}. */
  record VersionEquals(long version) implements Condition {}

  /** Create-only: the key does not exist. */
  record Absent() implements Condition {}

  Condition ALWAYS = new Always();
  Condition ABSENT = new Absent();

  /** Whether the condition holds for the key's current entry ({@code null} when absent). */
  default boolean holdsFor(KvEntry current) {
    return switch (this) {
      case Always always -> true;
      case VersionEquals equals -> current != null && current.version() == equals.version();
      case Absent absent -> current == null;
    };
  }
}
