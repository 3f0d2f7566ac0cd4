package io.tutti.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.core.placement.Sharding;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing decisions: pure functions of the cluster status, the target and what already failed. */
class ClusterMapTest {
  static final List<String> SEEDS = List.of("seed:1");

  /** Three members; keyspace ks with 3 shards led by n1, n2, n3 (shard i by n(i+1)), replicas on all. */
  static ClusterInfo threeNodes(boolean n2Live, String shard1Leader) {
    return new ClusterInfo("c", "n1", "n3",
        List.of(new ClusterInfo.Member("n1", "h1:1", "h1:2", true),
            new ClusterInfo.Member("n2", "h2:1", "h2:2", n2Live),
            new ClusterInfo.Member("n3", "h3:1", "h3:2", true)),
        List.of(new KeyspaceInfo("ks", "cp", 3, 3)),
        List.of(new ClusterInfo.Shard("ks", 0, "g0", List.of("n1", "n2", "n3"), "n1", 5),
            new ClusterInfo.Shard("ks", 1, "g1", List.of("n2", "n3", "n1"), shard1Leader, 5),
            new ClusterInfo.Shard("ks", 2, "g2", List.of("n3", "n1", "n2"), "n3", 5)));
  }

  static byte[] keyInShard(int shard) {
    for (int i = 0; ; i++) {
      byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
      if (Sharding.shardOf(key, 3) == shard) {
        return key;
      }
    }
  }

  @Test
  void keyGoesFirstToTheLeaderOfItsShard() {
    ClusterMap map = ClusterMap.from(threeNodes(true, "n2"));

    for (int shard = 0; shard < 3; shard++) {
      List<String> candidates = map.candidates(new Target.Key("ks", keyInShard(shard)), SEEDS);
      assertThat(candidates.getFirst()).isEqualTo("h" + (shard + 1) + ":1");
      assertThat(candidates).containsExactlyInAnyOrder("h1:1", "h2:1", "h3:1", "seed:1").doesNotHaveDuplicates();
    }
  }

  @Test
  void unknownLeaderFallsBackToTheShardsReplicasInOrder() {
    ClusterMap map = ClusterMap.from(threeNodes(true, ""));

    assertThat(map.candidates(new Target.Key("ks", keyInShard(1)), SEEDS))
        .startsWith("h2:1", "h3:1", "h1:1");
    assertThat(map.leaderOf("ks", keyInShard(1))).isEmpty();
  }

  @Test
  void leaderReportedNotLiveIsNotTriedFirst() {
    ClusterMap map = ClusterMap.from(threeNodes(false, "n2"));

    List<String> candidates = map.candidates(new Target.Key("ks", keyInShard(1)), SEEDS);
    assertThat(candidates.getFirst()).isEqualTo("h3:1");
    assertThat(candidates.getLast()).isEqualTo("h2:1");
  }

  @Test
  void unknownKeyspaceAndEmptyMapGoToAnyEndpoint() {
    assertThat(ClusterMap.EMPTY.candidates(new Target.Key("ks", new byte[] {1}), SEEDS)).containsExactly("seed:1");
    assertThat(ClusterMap.from(threeNodes(true, "n2")).candidates(new Target.Key("other", new byte[] {1}), SEEDS))
        .containsExactlyInAnyOrder("h1:1", "h2:1", "h3:1", "seed:1");
  }

  @Test
  void endpointsRoutingUsesOnlyTheConfiguredEndpointsInOrder() {
    ClusterMap map = ClusterMap.from(threeNodes(true, "n2"));
    List<String> endpoints = List.of("h3:1", "h1:1");

    for (int shard = 0; shard < 3; shard++) {
      assertThat(Router.candidates(map, new Target.Key("ks", keyInShard(shard)), endpoints, Routing.ENDPOINTS))
          .containsExactly("h3:1", "h1:1");
    }
    assertThat(Router.candidates(map, new Target.Key("ks", keyInShard(1)), endpoints, Routing.LEADER).getFirst())
        .isEqualTo("h2:1");
  }

  @Test
  void metadataRequestsGoToTheMetadataLeader() {
    assertThat(ClusterMap.from(threeNodes(true, "n2")).candidates(new Target.Metadata(), SEEDS).getFirst())
        .isEqualTo("h3:1");
  }

  @Test
  void anyTargetSpreadsTheStartingNode() {
    ClusterMap map = ClusterMap.from(threeNodes(true, "n2"));

    assertThat(map.candidates(new Target.Any(0), SEEDS).getFirst())
        .isNotEqualTo(map.candidates(new Target.Any(1), SEEDS).getFirst());
  }

  @Test
  void pickSkipsNodesThatFailedOrWhoseCircuitIsOpen() {
    List<String> candidates = List.of("a", "b", "c");
    LinkedHashSet<String> failed = new LinkedHashSet<>();

    assertThat(ClusterMap.pick(candidates, failed, address -> true)).isEqualTo("a");
    assertThat(ClusterMap.pick(candidates, failed, address -> !address.equals("a"))).isEqualTo("b");
    failed.add("a");
    failed.add("b");
    assertThat(ClusterMap.pick(candidates, failed, address -> true)).isEqualTo("c");
    assertThat(ClusterMap.pick(candidates, failed, address -> false)).as("all circuits open: still try").isEqualTo("c");
    failed.add("c");
    assertThat(ClusterMap.pick(candidates, failed, address -> true)).as("all failed: oldest failure").isEqualTo("a");
    assertThat(ClusterMap.pick(List.of(), failed, address -> true)).isNull();
  }
}
