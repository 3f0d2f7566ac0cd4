package io.tutti.verify.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * The violations a checker of versions found: all counted, the first {@link #KEPT_MAX} kept. A broken store can
 * break a guarantee on every operation of a long run; a report of millions of lines helps nobody.
 *
 * @param <V> the checker's violation record
 */
final class Violations<V> {
  /** How many violations a result keeps. */
  static final int KEPT_MAX = 100;
  /** How many violations a summary names before "and N more". */
  static final int SUMMARY_NAMED_MAX = 5;

  private final List<V> kept = new ArrayList<>();
  // Invariant: count >= kept.size(), and kept.size() == min(count, KEPT_MAX).
  private int count;

  void add(V violation) {
    count++;
    if (kept.size() < KEPT_MAX) {
      kept.add(violation);
    }
  }

  int count() {
    return count;
  }

  List<V> kept() {
    return List.copyOf(kept);
  }

  /**
   * {@code 7 stale reads: a; b; c; d; e and 2 more}: {@code count} with {@code singular} or {@code plural}, then
   * the first of the {@code described} violations.
   */
  static String summarize(int count, String singular, String plural, List<String> described) {
    List<String> named = described.subList(0, Math.min(described.size(), SUMMARY_NAMED_MAX));
    int more = count - named.size();
    return count + " " + (count == 1 ? singular : plural) + ": " + String.join("; ", named)
        + (more > 0 ? " and " + more + " more" : "");
  }
}
