package io.tutti.bench;

import java.util.random.RandomGenerator;

/**
 * Zipfian key indexes in {@code 0 .. items-1}, index 0 the most frequent, by the method of Gray et al., "Quickly
 * Generating Billion-Record Synthetic Databases" (SIGMOD 1994), as YCSB's {@code ZipfianGenerator} uses it.
 * P(i) is proportional to 1 / (i+1)^theta. Indexes 0 and 1 are exact; the rest follow the paper's closed-form
 * approximation of the inverse distribution.
 * <p>
 * The constants cost one pass over {@code items} (about a second for 100 million); after that each draw is O(1).
 */
final class ZipfianGenerator implements KeyChooser {
  static final double ZIPFIAN_CONSTANT = 0.99;

  private final long items;
  private final double theta;
  private final double zetaN; // sum over i in 1..items of 1 / i^theta
  private final double alpha; // 1 / (1 - theta)
  private final double eta;
  private final double oneOrTwoBound; // u * zetaN below this is index 0 or 1

  ZipfianGenerator(long items, double theta) {
    if (items < 1) {
      throw new IllegalArgumentException("items must be >= 1, got " + items);
    }
    if (!(theta > 0 && theta < 1)) {
      throw new IllegalArgumentException("theta must be in (0, 1), got " + theta);
    }
    this.items = items;
    this.theta = theta;
    this.zetaN = zeta(items, theta);
    this.alpha = 1.0 / (1.0 - theta);
    double zeta2 = zeta(Math.min(items, 2), theta);
    // With one or two items every draw ends in the exact branches; eta is only used beyond them.
    this.eta = items <= 2 ? 0 : (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2 / zetaN);
    this.oneOrTwoBound = 1.0 + Math.pow(0.5, theta);
  }

  @Override
  public long next(RandomGenerator random) {
    double u = random.nextDouble();
    double uz = u * zetaN;
    if (uz < 1.0) {
      return 0;
    }
    if (uz < oneOrTwoBound) {
      return 1;
    }
    long index = (long) (items * Math.pow(eta * u - eta + 1, alpha));
    return Math.min(Math.max(index, 0), items - 1);
  }

  /** The exact probability of index {@code i} under the zipfian law this generator approximates. */
  double probability(long i) {
    return 1.0 / Math.pow(i + 1, theta) / zetaN;
  }

  static double zeta(long n, double theta) {
    double sum = 0;
    for (long i = 1; i <= n; i++) {
      sum += 1.0 / Math.pow(i, theta);
    }
    return sum;
  }
}
