package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The zipfian key chooser: seeded draws, so every assertion here is deterministic. */
class ZipfianGeneratorTest {
  static final long SEED = 20240607L;
  static final int ITEMS = 1000;
  static final int DRAWS = 400_000;

  private static long[] histogram(long items, int draws, long seed) {
    ZipfianGenerator zipf = new ZipfianGenerator(items, ZipfianGenerator.ZIPFIAN_CONSTANT);
    SplittableRandom random = new SplittableRandom(seed);
    long[] counts = new long[(int) items];
    for (int i = 0; i < draws; i++) {
      long index = zipf.next(random);
      assertThat(index).as("draw %d", i).isBetween(0L, items - 1);
      counts[(int) index]++;
    }
    return counts;
  }

  @Test
  void itemZeroIsTheMostFrequentAndTheHeadDecreases() {
    long[] counts = histogram(ITEMS, DRAWS, SEED);
    for (int i = 1; i < ITEMS; i++) {
      assertThat(counts[0]).as("item 0 vs item %d", i).isGreaterThan(counts[i]);
    }
    for (int i = 1; i < 10; i++) {
      assertThat(counts[i - 1]).as("item %d vs item %d", i - 1, i).isGreaterThan(counts[i]);
    }
  }

  @Test
  void frequenciesDecreaseAcrossTheWholeRange() {
    long[] counts = histogram(ITEMS, DRAWS, SEED);
    long[] deciles = new long[10];
    for (int i = 0; i < ITEMS; i++) {
      deciles[i / (ITEMS / 10)] += counts[i];
    }
    for (int d = 1; d < deciles.length; d++) {
      assertThat(deciles[d - 1]).as("decile %d vs %d", d - 1, d).isGreaterThan(deciles[d]);
    }
  }

  @Test
  void theTwoHottestItemsHaveTheirExactZipfianProbability() {
    ZipfianGenerator zipf = new ZipfianGenerator(ITEMS, ZipfianGenerator.ZIPFIAN_CONSTANT);
    long[] counts = histogram(ITEMS, DRAWS, SEED);
    // Items 0 and 1 are drawn exactly; 400k draws put the frequency well within 1% of the probability.
    assertThat(counts[0] / (double) DRAWS).isCloseTo(zipf.probability(0), within(0.01 * zipf.probability(0) + 0.002));
    assertThat(counts[1] / (double) DRAWS).isCloseTo(zipf.probability(1), within(0.01 * zipf.probability(1) + 0.002));
    assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(Math.pow(2, 0.99), within(1e-9));
  }

  @Test
  void everyItemIsReachableInASmallRange() {
    long[] counts = histogram(20, 100_000, SEED);
    for (int i = 0; i < counts.length; i++) {
      assertThat(counts[i]).as("item %d", i).isPositive();
    }
  }

  @Test
  void oneAndTwoItemsStayInRange() {
    assertThat(histogram(1, 1000, SEED)[0]).isEqualTo(1000);
    long[] two = histogram(2, 10_000, SEED);
    assertThat(two[0]).isGreaterThan(two[1]).isPositive();
    assertThat(two[1]).isPositive();
  }

  @Test
  void theSameSeedGivesTheSameKeys() {
    ZipfianGenerator zipf = new ZipfianGenerator(1_000_000, ZipfianGenerator.ZIPFIAN_CONSTANT);
    SplittableRandom first = new SplittableRandom(SEED);
    SplittableRandom second = new SplittableRandom(SEED);
    for (int i = 0; i < 1000; i++) {
      assertThat(zipf.next(first)).isEqualTo(zipf.next(second));
    }
  }

  @Test
  void largeKeySpacesStayInRange() {
    long items = 10_000_000L;
    ZipfianGenerator zipf = new ZipfianGenerator(items, ZipfianGenerator.ZIPFIAN_CONSTANT);
    SplittableRandom random = new SplittableRandom(SEED);
    long zeros = 0;
    for (int i = 0; i < 100_000; i++) {
      long index = zipf.next(random);
      assertThat(index).isBetween(0L, items - 1);
      zeros += index == 0 ? 1 : 0;
    }
    assertThat(zeros / 100_000.0).isCloseTo(zipf.probability(0), within(0.01));
  }
}
