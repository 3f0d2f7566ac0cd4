package io.tutti.verify.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultTest {
  @Test
  void halvesCutEveryLinkAcrossAndNoneWithin() {
    Fault.Partition partition = new Fault.Partition(List.of(Set.of(1, 2, 3), Set.of(4, 5)), "majority|minority");

    assertThat(partition.cutPairs()).extracting(pair -> pair[0] + "-" + pair[1])
        .containsExactlyInAnyOrder("1-4", "1-5", "2-4", "2-5", "3-4", "3-5");
  }

  @Test
  void bridgeNodeKeepsItsLinksToBothSides() {
    // Node 3 is on no side: it is the bridge.
    Fault.Partition bridge = new Fault.Partition(List.of(Set.of(1), Set.of(2)), "bridge n3");

    assertThat(bridge.cutPairs()).extracting(pair -> pair[0] + "-" + pair[1]).containsExactly("1-2");
    assertThat(bridge.label()).isEqualTo("partition {n1}|{n2} (bridge n3)");
  }

  @Test
  void labelsNameTheNodesInOrder() {
    assertThat(new Fault.Kill(List.of(3, 1), "majority").label()).isEqualTo("kill n1,n3 (majority)");
    assertThat(new Fault.Pause(List.of(2), "shard leader").label()).isEqualTo("pause n2 (shard leader)");
  }
}
