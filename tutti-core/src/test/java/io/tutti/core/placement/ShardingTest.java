package io.tutti.core.placement;

import io.tutti.core.TestArbitraries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Sharding} decides where data lives: the hash is part of the on-disk and wire contract between servers and
 * clients of every version, so its values are pinned here. A change that breaks these goldens strands data.
 */
class ShardingTest {
  /**
   * Golden values, computed independently from the documented algorithm (64-bit FNV-1a, then the MurmurHash3 fmix64
   * finaliser) and matching the implementation of the first release.
   */
  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "''                   | efd01f60ba992926 | 2 | 2 | 38",
      "a                    | 82a2a958a9bece5b | 2 | 5 | 91",
      "user:42              | 998817bee6718248 | 0 | 0 | 72",
      "orders/2024-01-01    | e131898e2ec13da7 | 0 | 3 | 167",
      "é中                  | 8a3cc5d2008f5b25 | 0 | 3 | 37"})
  void hashAndShardOfFixedKeysNeverChange(String key, String hashHex, int of3, int of6, int of256) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    assertThat(Sharding.hash(bytes)).isEqualTo(Long.parseUnsignedLong(hashHex, 16));
    assertThat(Sharding.shardOf(bytes, 3)).isEqualTo(of3);
    assertThat(Sharding.shardOf(bytes, 6)).isEqualTo(of6);
    assertThat(Sharding.shardOf(bytes, 256)).isEqualTo(of256);
  }

  @Test
  void bytesAreHashedAsUnsignedAndTheShardIsTheUnsignedRemainder() {
    byte[] key = {(byte) 0xff, 0x00, (byte) 0x80};
    assertThat(Sharding.hash(key)).isEqualTo(0x07b5cbebc9388e00L);
    assertThat(Sharding.shardOf(key, 7)).isZero();
    // A hash with the sign bit set must not give a negative shard.
    assertThat(Sharding.hash("a".getBytes(StandardCharsets.UTF_8))).isNegative();
    assertThat(Sharding.shardOf("a".getBytes(StandardCharsets.UTF_8), 7)).isEqualTo(1);
  }

  @Property
  void theShardIsWithinRangeAndDependsOnlyOnTheKeyBytes(@ForAll("keys") byte[] key,
      @ForAll @IntRange(min = 1, max = 1024) int shards) {
    int shard = Sharding.shardOf(key, shards);
    assertThat(shard).isBetween(0, shards - 1);
    assertThat(Sharding.shardOf(key.clone(), shards)).isEqualTo(shard);
  }

  @Test
  void aHundredThousandSequentialKeysSpreadEvenlyOverSixShards() {
    int[] counts = new int[6];
    for (int i = 0; i < 100_000; i++) {
      counts[Sharding.shardOf(("user:" + i).getBytes(StandardCharsets.UTF_8), 6)]++;
    }
    assertWithinFivePercentOfTheMean(counts, 100_000);
  }

  @Test
  void aHundredThousandRandomKeysSpreadEvenlyOverSixShards() {
    Random random = new Random(20240601L);
    int[] counts = new int[6];
    for (int i = 0; i < 100_000; i++) {
      byte[] key = new byte[1 + random.nextInt(16)];
      random.nextBytes(key);
      counts[Sharding.shardOf(key, 6)]++;
    }
    assertWithinFivePercentOfTheMean(counts, 100_000);
  }

  private static void assertWithinFivePercentOfTheMean(int[] counts, int total) {
    double mean = (double) total / counts.length;
    for (int shard = 0; shard < counts.length; shard++) {
      assertThat((double) counts[shard]).as("keys on shard %d of %s", shard, java.util.Arrays.toString(counts))
          .isBetween(mean * 0.95, mean * 1.05);
    }
  }

  @Test
  void aShardCountBelowOneIsRejected() {
    assertThatThrownBy(() -> Sharding.shardOf(new byte[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
  }

  @Provide
  Arbitrary<byte[]> keys() {
    return TestArbitraries.bytes(0, 64);
  }
}
