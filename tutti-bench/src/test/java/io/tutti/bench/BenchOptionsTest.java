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
    return new BenchOptions(Workload.PUT, clients, keys, valueSize, KeyDistribution.UNIFORM, duration, warmup, rate,
        keyspace, 1);
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
