package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EtcdDriver} against a real single-member etcd on loopback (skipped when etcd is not installed): short put and
 * get runs at both consistency levels complete without error, and a missing key is an error.
 */
class EtcdDriverTest {
  @TempDir
  static Path dir;
  static ServerProcess etcd;
  static HostPort endpoint;

  @BeforeAll
  static void startEtcd() throws IOException {
    Path binary = ServerProcess.binary("etcd", "etcd-server");
    int clientPort = ServerProcess.freePort();
    int peerPort = ServerProcess.freePort();
    String clientUrl = "http://127.0.0.1:" + clientPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    Path data = Files.createDirectories(dir.resolve("data"));
    etcd = ServerProcess.start(List.of(binary.toString(), "--name", "bench", "--data-dir", data.toString(),
        "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "bench=" + peerUrl, "--initial-cluster-state", "new"),
        dir, "ready to serve client requests");
    endpoint = new HostPort("127.0.0.1", clientPort);
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static EtcdDriver connect(Consistency consistency) {
    return EtcdDriver.connect(List.of(endpoint), DriverRuns.CLIENTS, consistency, DriverRuns.TIMEOUT);
  }

  @Test
  void putsCompleteWithoutError() throws Exception {
    try (EtcdDriver driver = connect(Consistency.LINEARIZABLE)) {
      DriverRuns.assertClean(DriverRuns.run(driver, Target.ETCD, Workload.PUT, Consistency.LINEARIZABLE));
    }
  }

  @Test
  void linearizableGetsFindEveryPreloadedKey() throws Exception {
    try (EtcdDriver driver = connect(Consistency.LINEARIZABLE)) {
      BenchResult result = DriverRuns.run(driver, Target.ETCD, Workload.GET, Consistency.LINEARIZABLE);
      DriverRuns.assertClean(result);
      assertThat(result.preloadedKeys()).isEqualTo(DriverRuns.KEYS);
    }
  }

  @Test
  void serializableMixedRunCompletesWithoutError() throws Exception {
    try (EtcdDriver driver = connect(Consistency.SERIALIZABLE)) {
      DriverRuns.assertClean(DriverRuns.run(driver, Target.ETCD, Workload.parse("mixed:50"),
          Consistency.SERIALIZABLE));
    }
  }

  @Test
  void aMissingKeyIsAnError() throws Exception {
    try (EtcdDriver driver = connect(Consistency.LINEARIZABLE)) {
      DriverRuns.assertMissingKeyIsAnError(driver);
    }
  }

  @Test
  void anEtcdThatIsNotThereIsOneLine() {
    HostPort nothing = new HostPort("127.0.0.1", ServerProcess.freePort());

    assertThatThrownBy(() -> EtcdDriver.connect(List.of(nothing), 1, Consistency.LINEARIZABLE, Duration.ofSeconds(2)))
        .isInstanceOf(BenchException.class).hasMessageStartingWith("cannot read from etcd at [" + nothing + "]")
        .hasMessageNotContaining("\n");
  }
}
