package io.tutti.verify.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegisterWorkloadTest {
  @Test
  void hotKeysMoveToNewKeysEveryPeriod() {
    RegisterWorkload workload = new RegisterWorkload(3, 50, Duration.ofSeconds(10));

    assertThat(workload.keysAt(0)).containsExactly("r0-0", "r0-1", "r0-2");
    assertThat(workload.keysAt(Duration.ofMillis(9_999).toNanos())).containsExactly("r0-0", "r0-1", "r0-2");
    assertThat(workload.keysAt(Duration.ofSeconds(10).toNanos())).containsExactly("r1-0", "r1-1", "r1-2");
    assertThat(workload.keysAt(Duration.ofSeconds(25).toNanos())).containsExactly("r2-0", "r2-1", "r2-2");
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new RegisterWorkload(0, 50, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys must be >= 1");
    assertThatThrownBy(() -> new RegisterWorkload(3, 101, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RegisterWorkload(3, 50, Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
