package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RedisDriver} against a real redis-server on loopback with every write fsynced to its append-only file
 * (skipped when Redis is not installed): short put and get runs complete without error, and a missing key is an error.
 */
class RedisDriverTest {
  @TempDir
  static Path dir;
  static ServerProcess redis;
  static HostPort endpoint;

  @BeforeAll
  static void startRedis() throws IOException {
    Path binary = ServerProcess.binary("redis-server", "redis-server");
    int port = ServerProcess.freePort();
    redis = ServerProcess.start(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
        "--daemonize", "no", "--logfile", ""), dir, "Ready to accept connections");
    endpoint = new HostPort("127.0.0.1", port);
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  private static RedisDriver connect() {
    return RedisDriver.connect(endpoint, DriverRuns.CLIENTS, Consistency.LINEARIZABLE, DriverRuns.TIMEOUT);
  }

  @Test
  void putsCompleteWithoutError() throws Exception {
    try (RedisDriver driver = connect()) {
      DriverRuns.assertClean(DriverRuns.run(driver, Target.REDIS, Workload.PUT, Consistency.LINEARIZABLE));
    }
  }

  @Test
  void getsFindEveryPreloadedKey() throws Exception {
    try (RedisDriver driver = connect()) {
      BenchResult result = DriverRuns.run(driver, Target.REDIS, Workload.GET, Consistency.LINEARIZABLE);
      DriverRuns.assertClean(result);
      assertThat(result.preloadedKeys()).isEqualTo(DriverRuns.KEYS);
    }
  }

  @Test
  void aMissingKeyIsAnError() throws Exception {
    try (RedisDriver driver = connect()) {
      DriverRuns.assertMissingKeyIsAnError(driver);
    }
  }

  @Test
  void errorRepliesAreCountedByTheirCode() {
    assertThat(RedisDriver.replyCode("MISCONF Redis is configured to save RDB snapshots")).isEqualTo("MISCONF");
    assertThat(RedisDriver.replyCode("WRONGTYPE Operation against a key")).isEqualTo("WRONGTYPE");
    assertThat(RedisDriver.replyCode("something lowercase")).isEqualTo("ERR");
    assertThat(RedisDriver.replyCode(null)).isEqualTo("ERR");
  }

  @Test
  void aRedisThatIsNotThereIsOneLine() {
    HostPort nothing = new HostPort("127.0.0.1", ServerProcess.freePort());

    assertThatThrownBy(() -> RedisDriver.connect(nothing, 1, Consistency.LINEARIZABLE, Duration.ofSeconds(2)))
        .isInstanceOf(BenchException.class).hasMessageStartingWith("cannot connect to redis at " + nothing)
        .hasMessageNotContaining("\n");
  }
}
