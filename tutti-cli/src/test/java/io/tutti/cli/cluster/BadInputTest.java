package io.tutti.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a clear error from DESIGN.md's table, as JSON, and nothing is half-written. Issue #2, item 8.
 * Runs against a one-node cluster: input checks do not depend on replication.
 */
class BadInputTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  static ProcessCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ProcessCluster(dir, 1);
    cluster.startAll();
    cluster.awaitAllReady();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  private static void assertError(ProcessCluster.Reply reply, int status, String code) throws Exception {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.headers().get("content-type")).startsWith("application/json");
    assertThat(reply.errorCode()).as(reply.text()).isEqualTo(code);
    assertThat(reply.json().path("error").path("message").asText()).isNotBlank();
    assertThat(reply.json().path("error").has("retryable")).isTrue();
    assertThat(reply.text()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void malformedJsonIsInvalidArgument() throws Exception {
    assertError(cluster.request(1, "POST", "/v1/keyspaces", KeyValueClusterTest.bytes("{\"name\": "), Map.of()),
        400, "INVALID_ARGUMENT");
    assertError(cluster.request(1, "POST", "/v1/keyspaces", KeyValueClusterTest.bytes("[1,2]"), Map.of()),
        400, "INVALID_ARGUMENT");
    assertError(cluster.request(1, "POST", "/v1/keyspaces",
        KeyValueClusterTest.bytes("{\"name\":\"x1\",\"shards\":\"many\"}"), Map.of()), 400, "INVALID_ARGUMENT");
    assertError(cluster.request(1, "POST", "/v1/keyspaces",
        KeyValueClusterTest.bytes("{\"name\":\"x1\",\"colour\":\"red\"}"), Map.of()), 400, "INVALID_ARGUMENT");
  }

  @Test
  void badKeyspaceNamesAreInvalidArgument() throws Exception {
    for (String name : new String[] {"Upper", "1digit", "has space", "-dash", "a".repeat(64)}) {
      assertError(cluster.request(1, "POST", "/v1/keyspaces",
          KeyValueClusterTest.bytes("{\"name\":\"" + name + "\"}"), Map.of()), 400, "INVALID_ARGUMENT");
    }
    assertError(cluster.put(1, "Bad_Name", "k", "v"), 400, "INVALID_ARGUMENT");
    assertError(cluster.put(1, "missing", "k", "v"), 404, "NOT_FOUND");
  }

  @Test
  void keysAndValuesOverTheLimitsAreTooLargeAndNotWritten() throws Exception {
    assertThat(cluster.put(1, "default", "limited", "before").status()).isEqualTo(200);
    byte[] bigValue = new byte[1024 * 1024 + 1];
    Arrays.fill(bigValue, (byte) 'v');
    assertError(cluster.request(1, "PUT", "/v1/kv/default/limited", bigValue, Map.of()), 413, "TOO_LARGE");
    assertThat(cluster.get(1, "default", "limited").text()).isEqualTo("before");

    byte[] overBody = new byte[3 * 1024 * 1024];
    assertError(cluster.request(1, "PUT", "/v1/kv/default/limited", overBody, Map.of()), 413, "TOO_LARGE");
    assertThat(cluster.get(1, "default", "limited").text()).isEqualTo("before");

    String bigKey = "k".repeat(4 * 1024 + 1);
    assertError(cluster.put(1, "default", bigKey, "v"), 413, "TOO_LARGE");
    assertError(cluster.request(1, "GET", "/v1/kv/default?limit=10001", null, Map.of()), 413, "TOO_LARGE");
    assertError(cluster.request(1, "GET", "/v1/kv/default?limit=-1", null, Map.of()), 400, "INVALID_ARGUMENT");
    assertError(cluster.request(1, "GET", "/v1/kv/default?limit=ten", null, Map.of()), 400, "INVALID_ARGUMENT");
  }

  @Test
  void unknownRoutesAreNotFoundAndWrongMethodsAreRefused() throws Exception {
    assertError(cluster.request(1, "GET", "/v2/anything", null, Map.of()), 404, "NOT_FOUND");
    assertError(cluster.request(1, "GET", "/v1/nothing/here", null, Map.of()), 404, "NOT_FOUND");
    assertError(cluster.request(1, "POST", "/v1/kv/default/k", KeyValueClusterTest.bytes("v"), Map.of()),
        405, "METHOD_NOT_ALLOWED");
    assertError(cluster.request(1, "PUT", "/v1/cluster", KeyValueClusterTest.bytes("v"), Map.of()),
        405, "METHOD_NOT_ALLOWED");
    assertError(cluster.request(1, "DELETE", "/v1/kv/default", null, Map.of()), 405, "METHOD_NOT_ALLOWED");
    assertError(cluster.request(1, "GET", "/v1/kv/default/", null, Map.of()), 400, "INVALID_ARGUMENT");
  }

  @Test
  void malformedCompareAndSetVersionsAreInvalidArgumentAndWriteNothing() throws Exception {
    assertThat(cluster.put(1, "default", "casbad", "before").status()).isEqualTo(200);
    for (String version : new String[] {"\"abc\"", "\"-3\"", "\"0\"", "\"\"", "W/\"x\""}) {
      assertError(cluster.request(1, "PUT", "/v1/kv/default/casbad", KeyValueClusterTest.bytes("after"),
          Map.of("If-Match", version)), 400, "INVALID_ARGUMENT");
    }
    assertError(cluster.request(1, "PUT", "/v1/kv/default/casbad", KeyValueClusterTest.bytes("after"),
        Map.of("If-None-Match", "\"3\"")), 400, "INVALID_ARGUMENT");
    assertThat(cluster.get(1, "default", "casbad").text()).isEqualTo("before");
  }

  @Test
  void badConsistencyLevelsAreRefused() throws Exception {
    assertError(cluster.request(1, "GET", "/v1/kv/default/k", null, Map.of("Tutti-Consistency", "strongest")),
        400, "INVALID_ARGUMENT");
  }
}
