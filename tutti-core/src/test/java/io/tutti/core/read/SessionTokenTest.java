package io.tutti.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Session tokens: positions only grow, merging is order-free, the wire form is compact, URL-safe and checked. */
class SessionTokenTest {
  static final long SEED = 20261124L;

  static String group(int i) {
    return UUID.nameUUIDFromBytes(("shard-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }

  @Test
  void emptyTokenIsTheEmptyString() {
    assertThat(SessionToken.EMPTY.encode()).isEmpty();
    assertThat(SessionToken.decode("")).isEqualTo(SessionToken.EMPTY);
    assertThat(SessionToken.decode(null)).isEqualTo(SessionToken.EMPTY);
    assertThat(SessionToken.EMPTY.position(group(1))).isZero();
  }

  @Test
  void positionsOnlyGrow() {
    SessionToken token = SessionToken.EMPTY.with(group(1), 10).with(group(2), 5);
    assertThat(token.with(group(1), 7).position(group(1))).isEqualTo(10);
    assertThat(token.with(group(1), 12).position(group(1))).isEqualTo(12);
    assertThat(token.with(group(1), 7)).isSameAs(token);
    assertThat(token.position(group(3))).isZero();
  }

  @Test
  void randomTokensRoundTripAndMergeIsTheMaximumInAnyOrder() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int round = 0; round < 500; round++) {
      List<SessionToken> tokens = new ArrayList<>();
      Map<String, Long> expected = new HashMap<>();
      for (int t = 0; t < 3; t++) {
        SessionToken token = SessionToken.EMPTY;
        for (int i = 0, n = random.nextInt(6); i < n; i++) {
          String group = group(random.nextInt(8));
          long position = 1 + random.nextLong(1L << random.nextInt(1, 62));
          token = token.with(group, position);
          expected.merge(group, position, Math::max);
        }
        String wire = token.encode();
        assertThat(wire).as("seed %d round %d", SEED, round).matches("[A-Za-z0-9_-]*");
        assertThat(SessionToken.decode(wire)).as("seed %d round %d", SEED, round).isEqualTo(token);
        tokens.add(token);
      }
      SessionToken forward = tokens.get(0).merge(tokens.get(1)).merge(tokens.get(2));
      SessionToken backward = tokens.get(2).merge(tokens.get(1).merge(tokens.get(0)));
      assertThat(forward).as("seed %d round %d", SEED, round).isEqualTo(backward);
      assertThat(forward.size()).isEqualTo(expected.size());
      expected.forEach((group, position) -> assertThat(forward.position(group)).isEqualTo(position));
    }
  }

  @Test
  void tokenIsCompact() {
    SessionToken token = SessionToken.EMPTY;
    for (int i = 0; i < 3; i++) {
      token = token.with(group(i), 1_000_000 + i);
    }
    assertThat(token.encode().length()).isLessThanOrEqualTo(64);
  }

  @Test
  void malformedTokensAreInvalidArguments() {
    String good = SessionToken.EMPTY.with(group(1), 42).with(group(2), 7).encode();
    for (String bad : new String[] {"!!!", "AAAA", good.substring(0, good.length() - 3), good + "AA",
        "Ag" /* format 2 */, good + "+"}) {
      assertThatThrownBy(() -> SessionToken.decode(bad)).as(bad).isInstanceOf(TuttiException.class)
          .satisfies(e -> assertThat(((TuttiException) e).code()).isIn(ErrorCode.INVALID_ARGUMENT));
    }
    assertThatThrownBy(() -> SessionToken.decode("A".repeat(SessionToken.ENCODED_LENGTH_MAX + 1)))
        .isInstanceOf(TuttiException.class)
        .satisfies(e -> assertThat(((TuttiException) e).code()).isEqualTo(ErrorCode.TOO_LARGE));
  }

  @Test
  void aTokenCoversAtMostTheLimitOfShards() {
    SessionToken token = SessionToken.EMPTY;
    for (int i = 0; i < SessionToken.SHARDS_MAX; i++) {
      token = token.with(group(i), 1);
    }
    assertThat(SessionToken.decode(token.encode())).isEqualTo(token);
    SessionToken full = token;
    assertThatThrownBy(() -> full.with(group(SessionToken.SHARDS_MAX), 1)).isInstanceOf(TuttiException.class)
        .satisfies(e -> assertThat(((TuttiException) e).code()).isEqualTo(ErrorCode.TOO_LARGE));
    assertThat(full.with(group(0), 5).position(group(0))).isEqualTo(5); // a known shard still moves on
    full.requireRoomFor(group(0));
    assertThatThrownBy(() -> full.requireRoomFor(group(SessionToken.SHARDS_MAX))).isInstanceOf(TuttiException.class)
        .satisfies(e -> assertThat(((TuttiException) e).code()).isEqualTo(ErrorCode.TOO_LARGE));
  }
}
