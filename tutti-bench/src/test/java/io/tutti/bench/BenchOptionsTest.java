package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every option has a bound; a value outside it is one INVALID_ARGUMENT naming the option. */
class BenchOptionsTest {
  private static BenchOptions options(int clients, long keys, int valueSize, Duration duration, Duration warmup,
      long rate, String keyspace) {
    return new BenchOptions(Target.TUTTI, Workload.PUT, clients, 1, keys, valueSize, KeyDistribution.UNIFORM, duration,
        warmup, rate, Consistency.LINEARIZABLE, keyspace, 1);
  }

  private static void assertInvalid(ThrowingCallable call, String option) {
    assertThatThrownBy(call).isInstanceOfSatisfying(TuttiException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith(option).hasMessageNotContaining("\n");
  }

  @Test
  void valuesAtTheBoundsAreAccepted() {
    BenchOptions low = options(1, 1, 0, Duration.ofMillis(1), Duration.ZERO, 0, "default");
    BenchOptions high = options(1024, 100_000_000L, 1 << 20, Duration.ofHours(1), Duration.ofMinutes(10),
        10_000_000L, "k".repeat(63));
    assertThat(low.openLoop()).isFalse();
    assertThat(high.openLoop()).isTrue();
  }

  @Test
  void valuesOutOfBoundsAreRefusedNamingTheOption() {
    Duration second = Duration.ofSeconds(1);
    assertInvalid(() -> options(0, 1, 0, second, Duration.ZERO, 0, "default"), "--clients must be 1..1024, got 0");
    assertInvalid(() -> options(1025, 1, 0, second, Duration.ZERO, 0, "default"), "--clients");
    assertInvalid(() -> options(1, 0, 0, second, Duration.ZERO, 0, "default"), "--keys");
    assertInvalid(() -> options(1, 100_000_001L, 0, second, Duration.ZERO, 0, "default"), "--keys");
    assertInvalid(() -> options(1, 1, -1, second, Duration.ZERO, 0, "default"), "--value-size");
    assertInvalid(() -> options(1, 1, (1 << 20) + 1, second, Duration.ZERO, 0, "default"), "--value-size");
    assertInvalid(() -> options(1, 1, 0, Duration.ZERO, Duration.ZERO, 0, "default"), "--duration");
    assertInvalid(() -> options(1, 1, 0, Duration.ofSeconds(3601), Duration.ZERO, 0, "default"), "--duration");
    assertInvalid(() -> options(1, 1, 0, second, Duration.ofSeconds(-1), 0, "default"), "--warmup");
    assertInvalid(() -> options(1, 1, 0, second, Duration.ofSeconds(601), 0, "default"), "--warmup");
    assertInvalid(() -> options(1, 1, 0, second, Duration.ZERO, -5, "default"), "--rate");
    assertInvalid(() -> options(1, 1, 0, second, Duration.ZERO, 10_000_001L, "default"), "--rate");
    assertInvalid(() -> options(1, 1, 0, second, Duration.ZERO, 0, " "), "--keyspace");
  }

  private static BenchOptions options(Target target, int clients, int inflight, Consistency consistency) {
    return new BenchOptions(target, Workload.GET, clients, inflight, 10, 0, KeyDistribution.UNIFORM,
        Duration.ofSeconds(1), Duration.ZERO, 0, consistency, "default", 1);
  }

  @Test
  void inflightIsBoundedAloneAndTogetherWithClients() {
    assertThat(options(Target.TUTTI, 16, 256, Consistency.LINEARIZABLE).workers()).isEqualTo(4096);
    assertInvalid(() -> options(Target.TUTTI, 1, 0, Consistency.LINEARIZABLE), "--inflight must be 1..256, got 0");
    assertInvalid(() -> options(Target.TUTTI, 1, 257, Consistency.LINEARIZABLE), "--inflight must be 1..256, got 257");
    assertInvalid(() -> options(Target.TUTTI, 1024, 5, Consistency.LINEARIZABLE),
        "--clients × --inflight must be at most 4096 (a thread each), got 1024 × 5");
  }

  @Test
  void targetsParse() {
    assertThat(Target.parse("tutti")).isEqualTo(Target.TUTTI);
    assertThat(Target.parse(" ETCD ")).isEqualTo(Target.ETCD);
    assertThat(Target.parse("redis")).isEqualTo(Target.REDIS);
    assertInvalid(() -> Target.parse("mysql"), "--target must be tutti, etcd or redis, got 'mysql'");
  }

  @Test
  void eachTargetOffersItsOwnConsistencyLevels() {
    assertThat(Consistency.parse("linearizable", Target.TUTTI)).isEqualTo(Consistency.LINEARIZABLE);
    assertThat(Consistency.parse("Serializable", Target.ETCD)).isEqualTo(Consistency.SERIALIZABLE);
    assertThat(Consistency.parse("linearizable", Target.REDIS)).isEqualTo(Consistency.DEFAULT);
    assertInvalid(() -> Consistency.parse("serializable", Target.REDIS),
        "--consistency serializable is not offered by redis (one node); it offers linearizable");
    assertInvalid(() -> Consistency.parse("serializable", Target.TUTTI),
        "--consistency serializable is not offered by tutti; it offers linearizable, session, bounded;ms=N, "
            + "eventual");
    assertInvalid(() -> Consistency.parse("eventual", Target.ETCD),
        "--consistency eventual is not offered by etcd; it offers linearizable, serializable");
    assertInvalid(() -> Consistency.parse("bounded;ms=100", Target.REDIS), "--consistency bounded;ms=N is not offered");
    assertInvalid(() -> Consistency.parse("newest", Target.ETCD),
        "--consistency must be one of linearizable, serializable for etcd, got 'newest'");
    assertThat(Consistency.parse("Session", Target.TUTTI)).isEqualTo(Consistency.SESSION);
    assertThat(Consistency.parse("bounded;ms=250", Target.TUTTI)).isEqualTo(Consistency.BOUNDED);
    assertThat(Consistency.parse("eventual", Target.TUTTI)).isEqualTo(Consistency.EVENTUAL);
    // Built directly, the options check the pair as well.
    assertInvalid(() -> options(Target.REDIS, 1, 1, Consistency.SERIALIZABLE), "--consistency serializable");
  }

  @Test
  void endpointsOfEtcdAndRedisAreHostAndPort() {
    assertThat(HostPort.parse("127.0.0.1:2379")).isEqualTo(new HostPort("127.0.0.1", 2379));
    assertThat(HostPort.parse("http://localhost:2379/")).isEqualTo(new HostPort("localhost", 2379));
    assertThat(HostPort.parse("[::1]:6379")).isEqualTo(new HostPort("::1", 6379));
    assertThat(HostPort.parse("[::1]:6379").httpUri()).isEqualTo("http://[::1]:6379");
    for (String bad : new String[] {"localhost", ":2379", "host:", "host:port", "host:0", "host:65536",
        "https://host:2379", ""}) {
      assertInvalid(() -> HostPort.parse(bad), "--endpoints");
    }
    assertThat(HostPort.parseAll(java.util.List.of("a:1", "b:2"), Target.ETCD)).hasSize(2);
    assertInvalid(() -> HostPort.parseAll(java.util.List.of("a:1", "b:2"), Target.REDIS),
        "--endpoints for redis must be exactly one HOST:PORT (one server), got 2");
  }

  @Test
  void workloadsParse() {
    assertThat(Workload.parse("put")).isEqualTo(Workload.PUT);
    assertThat(Workload.parse("GET")).isEqualTo(Workload.GET);
    assertThat(Workload.parse("mixed:95")).isEqualTo(new Workload("mixed:95", 95));
    assertThat(Workload.PUT.reads()).isFalse();
    assertThat(Workload.parse("mixed:1").reads()).isTrue();
    for (String bad : new String[] {"scan", "mixed", "mixed:", "mixed:x", "mixed:101", "mixed:-1", ""}) {
      assertInvalid(() -> Workload.parse(bad), "--workload");
    }
  }

  @Test
  void distributionsParse() {
    assertThat(KeyDistribution.parse("uniform")).isEqualTo(KeyDistribution.UNIFORM);
    assertThat(KeyDistribution.parse("Zipfian")).isEqualTo(KeyDistribution.ZIPFIAN);
    assertInvalid(() -> KeyDistribution.parse("pareto"), "--distribution must be uniform or zipfian, got 'pareto'");
  }

  @Test
  void keysHaveOneFixedWidth() {
    assertThat(Keys.text(0)).isEqualTo("k0000000000");
    assertThat(Keys.text(99_999_999L)).isEqualTo("k0099999999");
    assertThat(Keys.of(123)).hasSize(11);
  }
}
