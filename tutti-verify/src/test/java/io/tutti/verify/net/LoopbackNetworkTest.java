package io.tutti.verify.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackNetworkTest {
  @Test
  void everyNodeAddressIsBindableWithoutAnAliasAndReachable() throws IOException {
    try (Network network = LoopbackNetwork.forRun(new RunId(ProcessHandle.current().pid(), 0), 5)) {
      for (int node = 1; node <= network.nodes(); node++) {
        String address = network.address(node);
        assertThat(address).matches("127\\.0\\.([1-9]|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-4])\\." + node);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(address));
            Socket client = new Socket()) {
          client.connect(new InetSocketAddress(address, server.getLocalPort()), 2000);
          try (Socket accepted = server.accept()) {
            assertThat(accepted.getLocalAddress().getHostAddress()).isEqualTo(address);
          }
        }
      }
    }
  }

  @Test
  void runsCommandsUnchangedAndRefusesToPartitionSayingWhy() {
    Network network = LoopbackNetwork.forRun(new RunId(77, 0), 3);

    assertThat(network.wrap(2, List.of("java", "-version"))).containsExactly("java", "-version");
    assertThat(network.canPartition()).isFalse();
    assertThat(network.partitionUnavailableReason()).isEqualTo("needs root and network namespaces (ip netns)");
    assertThatThrownBy(() -> network.cut(1, 2)).hasMessageContaining("ip netns");
    assertThatThrownBy(() -> network.partition(List.of(Set.of(1), Set.of(2, 3)))).hasMessageContaining("ip netns");
    network.heal();
    assertThat(network.describe()).isEqualTo("{1,2,3}");
  }

  @Test
  void differentRunsGetDifferentBlocks() {
    assertThat(LoopbackNetwork.forRun(new RunId(100, 0), 1).address(1))
        .isNotEqualTo(LoopbackNetwork.forRun(new RunId(101, 0), 1).address(1));
  }
}
