package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node started with a broken config prints one clear line and exits with code 2; nothing is started. */
class ServerConfigTest {
  @TempDir
  Path dir;

  private ProcessCluster.Run serverWith(String yaml) throws Exception {
    Path config = dir.resolve("tutti.yaml");
    Files.writeString(config, yaml);
    return ProcessCluster.runTutti(60, "server", "--config", config.toString(), "--data-dir",
        dir.resolve("data").toString());
  }

  private static void assertOneLineError(ProcessCluster.Run run, String expected) {
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output().strip().lines()).as(run.output()).hasSize(1);
    assertThat(run.output()).startsWith("tutti server: INVALID_ARGUMENT: ").contains(expected);
  }

  @Test
  void missingConfigFileIsNamed() throws Exception {
    ProcessCluster.Run run = ProcessCluster.runTutti(60, "server", "--config", dir.resolve("nope.yaml").toString());
    assertOneLineError(run, "does not exist");
  }

  @Test
  void malformedYamlIsRefused() throws Exception {
    assertOneLineError(serverWith("node-id: [n1\nclient-address: :::\n"), "not valid YAML");
  }

  @Test
  void unknownSettingIsNamed() throws Exception {
    assertOneLineError(serverWith("node-id: n1\nreplication-factor: 3\n"), "unknown setting 'replication-factor'");
  }

  @Test
  void unsafeLocalReadsCannotComeFromAConfigFile() throws Exception {
    assertOneLineError(serverWith("node-id: n1\nunsafe-local-reads: true\n"), "unknown setting 'unsafe-local-reads'");
    assertOneLineError(serverWith("node-id: n1\nunsafeLocalReads: true\n"),
        "'unsafeLocalReads' can only be given as a command-line flag");
  }

  @Test
  void badAddressIsNamed() throws Exception {
    assertOneLineError(serverWith("client-address: 127.0.0.1:99999\n"), "port must be 1..65535");
    assertOneLineError(serverWith("peer-address: localhost\n"), "must be host:port");
  }

  @Test
  void nodeMissingFromInitialMembersIsRefused() throws Exception {
    assertOneLineError(serverWith("node-id: n4\ninitial-members: n1=127.0.0.1:7201,n2=127.0.0.1:7202\n"),
        "must include this node 'n4'");
  }

  @Test
  void nothingIsCreatedForABrokenConfig() throws Exception {
    serverWith("node-id: BAD ID\n");
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
