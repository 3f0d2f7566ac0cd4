package io.tutti.verify.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.verify.cluster.NodeProcesses;
import io.tutti.verify.net.LoopbackNetwork;
import io.tutti.verify.net.RunId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nemesis's choices, without injecting anything (no node is started). */
class NemesisTest {
  @TempDir
  Path dir;

  private Nemesis nemesis(long seed, int size, Optional<Integer> leader) throws Exception {
    LoopbackNetwork network = LoopbackNetwork.forRun(RunId.ofThisProcess(), size);
    NodeProcesses nodes = new NodeProcesses(network, size, List.of("true"), List.of(), dir.resolve("data"),
        dir.resolve("logs"));
    return new Nemesis(List.of(NemesisKind.KILL, NemesisKind.PAUSE, NemesisKind.PARTITION), nodes, network,
        new Timeline(dir.resolve("nemesis-" + seed + ".jsonl")), seed, new Nemesis.Schedule(1000, 1000),
        () -> 0L, () -> leader);
  }

  private static List<Fault> faults(Nemesis nemesis, int count) {
    List<Fault> faults = new ArrayList<>();
    NemesisKind[] kinds = {NemesisKind.KILL, NemesisKind.PAUSE, NemesisKind.PARTITION};
    for (int i = 0; i < count; i++) {
      faults.add(nemesis.choose(kinds[i % kinds.length]));
    }
    return faults;
  }

  @Test
  void sameSeedChoosesTheSameFaults() throws Exception {
    List<String> first = faults(nemesis(7, 5, Optional.of(2)), 60).stream().map(Fault::label).toList();
    List<String> again = faults(nemesis(7, 5, Optional.of(2)), 60).stream().map(Fault::label).toList();
    List<String> other = faults(nemesis(8, 5, Optional.of(2)), 60).stream().map(Fault::label).toList();

    assertThat(again).as("seed 7").isEqualTo(first);
    assertThat(other).as("seed 8 vs 7").isNotEqualTo(first);
  }

  @Test
  void leaderFaultsHitTheLeaderAndMajorityFaultsAMajority() throws Exception {
    List<Fault> faults = faults(nemesis(3, 5, Optional.of(4)), 90);

    assertThat(faults).as("seed 3").anyMatch(f -> f.label().endsWith("(shard leader)"));
    for (Fault fault : faults) {
      switch (fault) {
        case Fault.Kill kill when kill.why().equals("shard leader") -> assertThat(kill.nodes()).containsExactly(4);
        case Fault.Pause pause when pause.why().equals("shard leader") -> assertThat(pause.nodes()).containsExactly(4);
        case Fault.Kill kill when kill.why().equals("majority") -> assertThat(kill.nodes()).hasSize(3);
        case Fault.Partition partition when partition.why().equals("isolated leader") ->
            assertThat(partition.sides().getFirst()).containsExactly(4);
        case Fault.Partition partition when partition.why().equals("majority|minority") -> {
          assertThat(partition.sides().get(0)).hasSize(3);
          assertThat(partition.sides().get(1)).hasSize(2);
        }
        case Fault.Partition partition when partition.why().startsWith("bridge") ->
            assertThat(partition.sides().get(0).size() + partition.sides().get(1).size()).isEqualTo(4);
        default -> { }
      }
    }
  }

  @Test
  void unknownLeaderFallsBackToSomeNodeAndSaysSo() throws Exception {
    List<Fault> faults = faults(nemesis(5, 3, Optional.empty()), 30);

    assertThat(faults).anyMatch(f -> f.label().endsWith("(shard leader)"));
    assertThat(java.nio.file.Files.readString(dir.resolve("nemesis-5.jsonl"))).contains("no shard leader known");
  }
}
