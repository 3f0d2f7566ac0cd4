package io.tutti.verify.checker;

import io.tutti.core.check.Check;
import java.util.Arrays;
import java.util.Objects;

/**
 * The operations a {@link LinearizationSearch} has decided, in a form cheap to remember.
 *
 * <p>An operation invoked after another completed cannot be decided before it, so the decided operations are nearly
 * a prefix in invocation order: all operations up to a frontier, then a few concurrent ones. A memo key therefore
 * holds the frontier and the bits from it to the last decided operation — a word or two — instead of a bit per
 * operation of the history. Info operations stay pending to the end, which would pin the frontier, so they have
 * bits of their own, all kept.
 *
 * <p>Operations are added and removed in last-in first-out order, as the search decides and undoes them.
 */
final class DecidedSet {
  private final boolean[] info;
  private final int[] slot; // per operation: its bit among the ordered (invocation order) or among the info bits
  private final long[] random; // per operation: the hash of a set is the xor of its members'
  private final long[] ordered;
  private final int orderedCount;
  private final long[] infos;

  // Invariant: every ordered bit below frontier is set and the bit at frontier is not; no ordered bit above
  // highest is set. hash is the xor of random[] over the members.
  private int frontier;
  private int highest = -1;
  private long hash;
  // The adds not yet undone, in order, with the frontier and highest before each, restored by remove.
  private final int[] added;
  private final int[] frontierBefore;
  private final int[] highestBefore;
  private int adds;

  /**
   * @param invokeOrder operation indices in the order of their invocation
   * @param info which operations are info
   */
  DecidedSet(int[] invokeOrder, boolean[] info) {
    int count = info.length;
    Check.argument(invokeOrder.length == count, "%d operations in order for %d", invokeOrder.length, count);
    this.info = info.clone();
    slot = new int[count];
    int orderedSlots = 0;
    int infoSlots = 0;
    for (int operation : invokeOrder) {
      slot[operation] = info[operation] ? infoSlots++ : orderedSlots++;
    }
    orderedCount = orderedSlots;
    ordered = new long[(orderedSlots + 63) >>> 6];
    infos = new long[(infoSlots + 63) >>> 6];
    random = new long[count];
    for (int i = 0; i < count; i++) {
      random[i] = mix(i + 1L);
    }
    added = new int[count];
    frontierBefore = new int[count];
    highestBefore = new int[count];
  }

  void add(int operation) {
    Check.state(!contains(operation), "operation %d is decided already", operation);
    added[adds] = operation;
    frontierBefore[adds] = frontier;
    highestBefore[adds] = highest;
    adds++;
    hash ^= random[operation];
    int bit = slot[operation];
    if (info[operation]) {
      infos[bit >>> 6] ^= 1L << bit;
      return;
    }
    ordered[bit >>> 6] ^= 1L << bit;
    highest = Math.max(highest, bit);
    while (frontier < orderedCount && (ordered[frontier >>> 6] & (1L << frontier)) != 0) {
      frontier++;
    }
  }

  /** Removes {@code operation}, which must be the last one added and not yet removed. */
  void remove(int operation) {
    Check.state(adds > 0 && added[adds - 1] == operation, "operation %d is not the last one decided", operation);
    adds--;
    frontier = frontierBefore[adds];
    highest = highestBefore[adds];
    hash ^= random[operation];
    int bit = slot[operation];
    if (info[operation]) {
      infos[bit >>> 6] ^= 1L << bit;
    } else {
      ordered[bit >>> 6] ^= 1L << bit;
    }
  }

  private boolean contains(int operation) {
    int bit = slot[operation];
    long[] bits = info[operation] ? infos : ordered;
    return (bits[bit >>> 6] & (1L << bit)) != 0;
  }

  /** A memo key for this set of decided operations and {@code state}. */
  MemoKey key(Object state) {
    long[] beyondFrontier = highest < frontier ? new long[0]
        : Arrays.copyOfRange(ordered, frontier >>> 6, (highest >>> 6) + 1);
    return new MemoKey(frontier, beyondFrontier, infos.length == 0 ? infos : infos.clone(), hash, state);
  }

  /** SplitMix64's finaliser: well-spread bits for each operation index. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A configuration already explored: which operations are decided, and the state they left. */
  static final class MemoKey {
    /** Rough heap cost of a key beyond its words: objects, arrays' headers, the hash set's node and slot. */
    private static final long OVERHEAD_BYTES = 128;

    private final int frontier;
    private final long[] beyondFrontier;
    private final long[] infos;
    private final long hash;
    private final Object state;

    private MemoKey(int frontier, long[] beyondFrontier, long[] infos, long hash, Object state) {
      this.frontier = frontier;
      this.beyondFrontier = beyondFrontier;
      this.infos = infos;
      this.hash = hash;
      this.state = state;
    }

    long sizeBytes() {
      return OVERHEAD_BYTES + 8L * (beyondFrontier.length + infos.length);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof MemoKey key && key.hash == hash && key.frontier == frontier
          && Objects.equals(key.state, state) && Arrays.equals(key.beyondFrontier, beyondFrontier)
          && Arrays.equals(key.infos, infos);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(hash) * 31 + Objects.hashCode(state);
    }
  }
}
