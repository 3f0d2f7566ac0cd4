package io.tutti.verify.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.verify.net.Cuts.Link;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutsTest {
  @Test
  void partitionCutsExactlyThePairsAcrossComponents() {
    Cuts cuts = Cuts.between(List.of(Set.of(1, 2), Set.of(3), Set.of(4, 5)), 5);

    assertThat(cuts.links()).containsExactly(new Link(1, 3), new Link(1, 4), new Link(1, 5), new Link(2, 3),
        new Link(2, 4), new Link(2, 5), new Link(3, 4), new Link(3, 5));
    assertThat(cuts.describe(5)).isEqualTo("{1,2} | {3} | {4,5}");
  }

  @Test
  void nothingCutDescribesOneGroup() {
    assertThat(Cuts.none().describe(3)).isEqualTo("{1,2,3}");
    assertThat(Cuts.between(List.of(Set.of(1, 2, 3)), 3)).isEqualTo(Cuts.none());
  }

  @Test
  void aSingleCutThatIsNoPartitionListsTheLink() {
    Cuts cuts = Cuts.none().with(2, 1);

    assertThat(cuts.isCut(1, 2)).isTrue();
    assertThat(cuts.isCut(2, 3)).isFalse();
    assertThat(cuts.describe(3)).isEqualTo("cut 1-2");
    assertThat(cuts.with(3, 2).describe(4)).isEqualTo("cut 1-2, 2-3");
  }

  @Test
  void cutsThatIsolateANodeDescribeAsAPartition() {
    assertThat(Cuts.none().with(1, 3).with(2, 3).describe(3)).isEqualTo("{1,2} | {3}");
    assertThat(Cuts.none().with(1, 2).describe(2)).isEqualTo("{1} | {2}");
    assertThat(Cuts.none().with(1, 2).with(2, 3).describe(3)).isEqualTo("{1,3} | {2}");
  }

  @Test
  void minusGivesWhatATransitionMustRemoveOrAdd() {
    Cuts from = Cuts.between(List.of(Set.of(1), Set.of(2, 3)), 3);
    Cuts to = Cuts.between(List.of(Set.of(1, 2), Set.of(3)), 3);

    assertThat(from.minus(to)).containsExactly(new Link(1, 2));
    assertThat(to.minus(from)).containsExactly(new Link(2, 3));
    assertThat(from.without(new Link(1, 2)).with(new Link(2, 3))).isEqualTo(to);
  }

  @Test
  void partitionRejectsForgottenDuplicatedOrUnknownNodes() {
    assertThatThrownBy(() -> Cuts.between(List.of(Set.of(1, 2)), 3)).hasMessageContaining("node 3 is in no");
    assertThatThrownBy(() -> Cuts.between(List.of(Set.of(1, 2), Set.of(2, 3)), 3))
        .hasMessageContaining("node 2 is in two");
    assertThatThrownBy(() -> Cuts.between(List.of(Set.of(1, 2), Set.of(4)), 3)).hasMessageContaining("node 4");
    assertThatThrownBy(() -> Cuts.between(List.of(Set.of(1, 2, 3), Set.of()), 3)).hasMessageContaining("empty");
    assertThatThrownBy(() -> Cuts.none().with(2, 2)).hasMessageContaining("itself");
  }
}
