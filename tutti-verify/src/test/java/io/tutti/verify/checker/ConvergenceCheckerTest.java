package io.tutti.verify.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.verify.checker.ConvergenceCheckResult.Divergence;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Eventual reads after healing (issue "Read consistency levels, portable session tokens"). */
class ConvergenceCheckerTest {
  private static final Map<String, Long> LINEARIZABLE = Map.of("a", 7L, "b", 0L, "c", 12L);

  @Test
  void nodesThatAllAnswerLikeTheLinearizableReadConverged() {
    ConvergenceCheckResult result = ConvergenceChecker.check(LINEARIZABLE,
        Map.of("n1", LINEARIZABLE, "n2", LINEARIZABLE, "n3", LINEARIZABLE));
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.nodes()).isEqualTo(3);
    assertThat(result.keys()).isEqualTo(3);
    assertThat(result.readsCompared()).isEqualTo(9);
    assertThat(result.summary()).isEqualTo("ok (3 nodes agree with the linearizable reads of 3 keys)");
  }

  @Test
  void aNodeBehindAheadOrSilentDiverges() {
    Map<String, Long> behind = new HashMap<>(LINEARIZABLE);
    behind.put("a", 6L);
    Map<String, Long> ahead = new HashMap<>(LINEARIZABLE);
    ahead.put("b", 3L);
    Map<String, Long> silent = new HashMap<>(LINEARIZABLE);
    silent.remove("c");
    Map<String, Long> answeredNull = new HashMap<>(LINEARIZABLE);
    answeredNull.put("c", null);
    ConvergenceCheckResult result = ConvergenceChecker.check(LINEARIZABLE,
        Map.of("n1", LINEARIZABLE, "n2", behind, "n3", ahead, "n4", silent, "n5", answeredNull));
    assertThat(result.valid()).isFalse();
    assertThat(result.divergences()).containsExactly(
        new Divergence("n2", "a", 7, 6L),
        new Divergence("n3", "b", 0, 3L),
        new Divergence("n4", "c", 12, null),
        new Divergence("n5", "c", 12, null));
    assertThat(result.summary()).isEqualTo("FAILED: 4 eventual reads differ: n2 read key a at version 6, the "
        + "linearizable read at 7; n3 read key b at version 3, the linearizable read at 0; n4 gave no eventual read "
        + "of key c (the linearizable read is at version 12); n5 gave no eventual read of key c (the linearizable "
        + "read is at version 12) (of 15 reads compared)");
  }

  @Test
  void theSummaryNamesFiveDivergencesThenCountsTheRest() {
    Map<String, Long> linearizable = new TreeMap<>();
    Map<String, Long> stale = new TreeMap<>();
    for (int key = 0; key < 8; key++) {
      linearizable.put("k" + key, 10L);
      stale.put("k" + key, 9L);
    }
    ConvergenceCheckResult result = ConvergenceChecker.check(linearizable, Map.of("n1", stale));
    assertThat(result.divergenceCount()).isEqualTo(8);
    assertThat(result.summary()).startsWith("FAILED: 8 eventual reads differ: n1 read key k0 at version 9")
        .endsWith("the linearizable read at 10 and 3 more (of 8 reads compared)");
  }

  @Test
  void inputsThatCannotBeJudgedAreRefused() {
    assertThatThrownBy(() -> ConvergenceChecker.check(LINEARIZABLE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no node's eventual reads to compare");
    assertThatThrownBy(() -> ConvergenceChecker.check(Map.of("a", 1L), Map.of("n1", Map.of("a", 1L, "z", 1L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node n1 read key z, which has no linearizable read");
    Map<String, Long> missingVersion = new HashMap<>();
    missingVersion.put("a", null);
    assertThatThrownBy(() -> ConvergenceChecker.check(missingVersion, Map.of("n1", Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the linearizable read of key a has version null");
  }

  @Test
  void theResultSerialisesAsSnakeCaseJson() throws Exception {
    ConvergenceCheckResult result = ConvergenceChecker.check(Map.of("a", 7L), Map.of("n2", Map.of()));
    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(result));
    assertThat(json.get("valid").booleanValue()).isFalse();
    assertThat(json.get("divergence_count").intValue()).isEqualTo(1);
    JsonNode divergence = json.get("divergences").get(0);
    assertThat(divergence.get("node").textValue()).isEqualTo("n2");
    assertThat(divergence.get("linearizable_version").longValue()).isEqualTo(7);
    assertThat(divergence.get("eventual_version").isNull()).isTrue();
  }

  @Test
  void randomAgreeingReadsConvergeAndOneChangedReadIsCaught() {
    long firstSeed = 20261126;
    for (long seed = firstSeed; seed < firstSeed + 200; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Map<String, Long> linearizable = new LinkedHashMap<>();
      int keys = 1 + random.nextInt(30);
      for (int key = 0; key < keys; key++) {
        linearizable.put("k" + key, random.nextInt(3) == 0 ? 0L : 1 + random.nextLong(1_000));
      }
      Map<String, Map<String, Long>> eventual = new TreeMap<>();
      int nodes = 1 + random.nextInt(5);
      for (int node = 1; node <= nodes; node++) {
        eventual.put("n" + node, new HashMap<>(linearizable));
      }
      ConvergenceCheckResult agreeing = ConvergenceChecker.check(linearizable, eventual);
      assertThat(agreeing.valid()).as("seed %d: %s", seed, agreeing.summary()).isTrue();

      String node = "n" + (1 + random.nextInt(nodes));
      String key = "k" + random.nextInt(keys);
      long version = linearizable.get(key);
      long changed = version == 0 || random.nextBoolean() ? version + 1 + random.nextInt(5) : random.nextLong(version);
      eventual.get(node).put(key, changed);
      ConvergenceCheckResult result = ConvergenceChecker.check(linearizable, eventual);
      assertThat(result.divergences()).as("seed %d: %s", seed, result.summary())
          .containsExactly(new Divergence(node, key, version, changed));
    }
  }
}
