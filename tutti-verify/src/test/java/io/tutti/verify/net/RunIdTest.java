package io.tutti.verify.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunIdTest {
  @Test
  void namespaceNamesCarryTheOrchestratorPidAndParseBack() {
    RunId single = new RunId(4242, 0);
    RunId sequenced = new RunId(4242, 7);

    assertThat(single.hubNamespace()).isEqualTo("tutti-v4242-hub");
    assertThat(single.nodeNamespace(3)).isEqualTo("tutti-v4242-n3");
    assertThat(sequenced.nodeNamespace(12)).isEqualTo("tutti-v4242x7-n12");
    assertThat(RunId.ofNamespace("tutti-v4242-hub")).contains(single);
    assertThat(RunId.ofNamespace("tutti-v4242x7-n12")).contains(sequenced);
  }

  @Test
  void prefixesOfDifferentRunsNeverOverlap() {
    assertThat(new RunId(123, 1).nodeNamespace(1)).doesNotStartWith(new RunId(123, 0).namespacePrefix());
    assertThat(new RunId(1234, 0).hubNamespace()).doesNotStartWith(new RunId(123, 0).namespacePrefix());
  }

  @Test
  void foreignNamespacesAreNotOurs() {
    assertThat(RunId.ofNamespace("tutti-vx-hub")).isEmpty();
    assertThat(RunId.ofNamespace("tutti-v12-n1-extra")).isEmpty();
    assertThat(RunId.ofNamespace("cni-1234")).isEmpty();
  }

  @Test
  void thisProcessIsAliveAndAnExitedOneIsNot() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    assertThat(exited.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    assertThat(RunId.ofThisProcess().orchestratorAlive()).isTrue();
    assertThat(new RunId(exited.pid(), 0).orchestratorAlive()).isFalse();
  }
}
