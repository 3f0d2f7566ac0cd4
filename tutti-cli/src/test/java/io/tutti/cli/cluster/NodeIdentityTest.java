package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** A node's data directory belongs to one cluster and one node; a wiped node must not vote as its old self. */
class NodeIdentityTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void nodeRefusesADataDirectoryOfAnotherCluster() throws Exception {
    Path data = dir.resolve("data");
    int client = ProcessCluster.freePort();
    int peer = ProcessCluster.freePort();
    String[] common = {"server", "--node-id", "n1", "--data-dir", data.toString(),
        "--client-address", "127.0.0.1:" + client, "--peer-address", "127.0.0.1:" + peer};
    try (ProcessCluster first = new ProcessCluster(dir.resolve("first"), 1)) {
      first.startAll();
      first.awaitAllReady();
      // Copy n1's identity into a separate data directory, then start a node of another cluster on it.
      Files.createDirectories(data);
      Files.copy(first.dataDir(1).resolve("node.json"), data.resolve("node.json"));
    }
    ProcessCluster.Run run = ProcessCluster.runTutti(60, concat(common, "--cluster-name", "other"));
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("belongs to cluster").doesNotContain("\tat ");
  }

  @Test
  void wipedNodeRefusesToRejoinAsItsOldSelf() throws Exception {
    try (ProcessCluster cluster = new ProcessCluster(dir.resolve("cluster"), 3)) {
      cluster.startAll();
      cluster.awaitAllReady();
      cluster.kill9(3);
      deleteRecursively(cluster.dataDir(3));

      cluster.start(3);
      assertThat(cluster.process(3).waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(cluster.process(3).exitValue()).isNotZero();
      assertThat(cluster.tail(3)).contains("must not vote as its old self");
      // The two survivors still form a quorum and serve writes.
      assertThat(cluster.put(1, "default", "after-wipe", "ok").status()).isEqualTo(200);
    }
  }

  private static String[] concat(String[] head, String... tail) {
    return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
  }

  private static void deleteRecursively(Path path) throws Exception {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
