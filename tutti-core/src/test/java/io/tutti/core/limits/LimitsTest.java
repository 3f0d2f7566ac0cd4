package io.tutti.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Limits}: DESIGN.md "Limits", with the error table's codes and messages that name the size. */
class LimitsTest {
  private final Limits limits = Limits.defaults().validate();

  private static void assertRejected(ThrowingCallable call, ErrorCode code, String... named) {
    assertThatThrownBy(call).isInstanceOfSatisfying(TuttiException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(named);
    });
  }

  @Test
  void theDefaultsAreThoseOfTheDesign() {
    assertThat(limits.keySizeMaxBytes()).isEqualTo(4 * 1024);
    assertThat(limits.valueSizeMaxBytes()).isEqualTo(1024 * 1024);
    assertThat(limits.scanPageMaxItems()).isEqualTo(10_000);
    assertThat(limits.requestBodyMaxBytes()).isEqualTo(2 * 1024 * 1024);
  }

  @Test
  void aKeyIsOneToFourKibibytes() {
    assertRejected(() -> limits.checkKey(new byte[0]), ErrorCode.INVALID_ARGUMENT, "empty");
    assertThatCode(() -> limits.checkKey(new byte[1])).doesNotThrowAnyException();
    assertThatCode(() -> limits.checkKey(new byte[4096])).doesNotThrowAnyException();
    assertRejected(() -> limits.checkKey(new byte[4097]), ErrorCode.TOO_LARGE, "4097", "4096");
  }

  @Test
  void aValueIsAtMostOneMebibyteAndMayBeEmpty() {
    assertThatCode(() -> limits.checkValue(new byte[0])).doesNotThrowAnyException();
    assertThatCode(() -> limits.checkValue(new byte[1 << 20])).doesNotThrowAnyException();
    assertRejected(() -> limits.checkValue(new byte[(1 << 20) + 1]), ErrorCode.TOO_LARGE, "1048577", "1048576");
  }

  @Test
  void aPrefixIsAtMostAKeyAndMayBeEmpty() {
    assertThatCode(() -> limits.checkPrefix(new byte[0])).doesNotThrowAnyException();
    assertRejected(() -> limits.checkPrefix(new byte[4097]), ErrorCode.TOO_LARGE, "4097");
  }

  @Test
  void aScanLimitOfZeroMeansTheDefaultPage() {
    assertThat(limits.checkScanLimit(0)).isEqualTo(Limits.SCAN_PAGE_DEFAULT_ITEMS);
    assertThat(limits.checkScanLimit(1)).isEqualTo(1);
    assertThat(limits.checkScanLimit(10_000)).isEqualTo(10_000);
    assertRejected(() -> limits.checkScanLimit(10_001), ErrorCode.TOO_LARGE, "10001", "10000");
    assertRejected(() -> limits.checkScanLimit(-1), ErrorCode.INVALID_ARGUMENT, "-1");
    assertRejected(() -> limits.checkScanLimit(Long.MAX_VALUE), ErrorCode.TOO_LARGE, String.valueOf(Long.MAX_VALUE));
    Limits smallPages = new Limits(4096, 1 << 20, 10, 2 << 20, 256, 5).validate();
    assertThat(smallPages.checkScanLimit(0)).isEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "orders", "orders_2024", "a-b", "x123456789012345678901234567890123456789012345678901234567890ab"})
  void validKeyspaceNamesAreAccepted(String name) {
    assertThatCode(() -> Limits.checkKeyspaceName(name)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Orders", "1orders", "_orders", "a.b", "a b", "é",
      "x123456789012345678901234567890123456789012345678901234567890abc"})
  void invalidKeyspaceNamesAreRejectedByName(String name) {
    assertRejected(() -> Limits.checkKeyspaceName(name), ErrorCode.INVALID_ARGUMENT,
        "'" + (name == null ? "" : name) + "'");
  }

  @Test
  void shardAndReplicaCountsAreBounded() {
    assertThatCode(() -> limits.checkShards(256)).doesNotThrowAnyException();
    assertRejected(() -> limits.checkShards(0), ErrorCode.INVALID_ARGUMENT, "got 0");
    assertRejected(() -> limits.checkShards(257), ErrorCode.INVALID_ARGUMENT, "1..256", "got 257");
    assertThatCode(() -> limits.checkReplicas(5)).doesNotThrowAnyException();
    assertRejected(() -> limits.checkReplicas(6), ErrorCode.INVALID_ARGUMENT, "1..5", "got 6");
  }

  @Test
  void inconsistentLimitsAreRejectedAtStartUpNamingTheField() {
    assertThatThrownBy(() -> new Limits(0, 1, 1, 4096, 1, 1).validate())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keySizeMaxBytes");
    assertThatThrownBy(() -> new Limits(4096, 1 << 20, 10, 1 << 20, 256, 5).validate())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestBodyMaxBytes");
    assertThatThrownBy(() -> new Limits(4096, 1 << 20, 10, 2 << 20, 256, 0).validate())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicasMax");
  }
}
