package io.tutti.verify.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecidedSetTest {
  private static final int COUNT = 1000;

  /** Operations 0..COUNT-1 invoked in reverse index order; those divisible by 100 are info. */
  private static DecidedSet newSet() {
    int[] invokeOrder = IntStream.range(0, COUNT).map(i -> COUNT - 1 - i).toArray();
    boolean[] info = new boolean[COUNT];
    for (int i = 0; i < COUNT; i += 100) {
      info[i] = true;
    }
    return new DecidedSet(invokeOrder, info);
  }

  @Test
  void theSameOperationsDecidedInAnotherOrderGiveTheSameKey() {
    DecidedSet a = newSet();
    DecidedSet b = newSet();
    for (int op : new int[] {999, 998, 500, 100, 997}) {
      a.add(op);
    }
    for (int op : new int[] {100, 997, 998, 500, 999}) {
      b.add(op);
    }
    assertThat(a.key("s")).isEqualTo(b.key("s")).hasSameHashCodeAs(b.key("s"));
    assertThat(a.key("s")).isNotEqualTo(b.key("t"));
  }

  @Test
  void aDecidedPrefixCostsNoMoreToRememberThanNothing() {
    DecidedSet set = newSet();
    long empty = set.key(null).sizeBytes();
    for (int op = COUNT - 1; op >= 1; op--) {
      if (op % 100 != 0) {
        set.add(op);
      }
    }
    assertThat(set.key(null).sizeBytes()).isEqualTo(empty);
  }

  @Test
  void removingTheLastAddedRestoresTheKey() {
    DecidedSet set = newSet();
    set.add(999);
    set.add(997);
    DecidedSet.MemoKey before = set.key("s");
    set.add(998);
    set.add(300);
    assertThat(set.key("s")).isNotEqualTo(before);
    set.remove(300);
    set.remove(998);
    assertThat(set.key("s")).isEqualTo(before);
  }

  @Test
  void anOperationIsDecidedAtMostOnce() {
    DecidedSet set = newSet();
    set.add(5);
    assertThatThrownBy(() -> set.add(5)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> set.remove(6)).isInstanceOf(IllegalStateException.class);
  }
}
