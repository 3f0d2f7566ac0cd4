package io.tutti.bench;

import java.util.random.RandomGenerator;

/** Picks the next key index; stateless, so one instance serves every worker, each with its own random stream. */
@FunctionalInterface
interface KeyChooser {
  long next(RandomGenerator random);
}
