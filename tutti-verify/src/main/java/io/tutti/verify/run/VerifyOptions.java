package io.tutti.verify.run;

import io.tutti.verify.nemesis.NemesisKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a verify run is started with, validated together.
 *
 * @param workload {@code register}, {@code set}, or a read level: {@code session}, {@code bounded}, {@code eventual}
 * @param keys hot keys of the register workload at a time
 * @param keyPeriod how long the register workload uses one set of hot keys before moving to new ones
 * @param readPercent share of reads in the register workload
 * @param quietMs mean quiet time between faults; {@code faultMs} mean length of a fault
 * @param requestTimeout the clients' whole budget per operation; an unanswered write after it is {@code info}
 * @param checkBudgetPerKey the linearizability checker's time per key; past it the verdict is {@code unknown}
 * @param unsafeLocalReads start the servers with {@code --unsafe-local-reads} (to prove the checker catches it)
 */
public record VerifyOptions(
    String workload,
    NemesisKind nemesis,
    int nodes,
    int clients,
    int timeSeconds,
    long seed,
    int keys,
    Duration keyPeriod,
    int readPercent,
    long quietMs,
    long faultMs,
    Duration requestTimeout,
    Duration checkBudgetPerKey,
    boolean unsafeLocalReads,
    Path resultsRoot,
    boolean keepData) {

  public VerifyOptions validate() {
    if (!List.of("register", "set", "session", "bounded", "eventual").contains(workload)) {
      throw new IllegalArgumentException("workload must be register, set, session, bounded or eventual, got '"
          + workload + "'");
    }
    if (nodes != 3 && nodes != 5) {
      throw new IllegalArgumentException("nodes must be 3 or 5, got " + nodes);
    }
    if (clients < 1 || clients > 200) {
      throw new IllegalArgumentException("clients must be 1..200, got " + clients);
    }
    if (timeSeconds < 1 || timeSeconds > 24 * 3600) {
      throw new IllegalArgumentException("time must be 1..86400 seconds, got " + timeSeconds);
    }
    if (keys < 1 || keys > 1000) {
      throw new IllegalArgumentException("keys must be 1..1000, got " + keys);
    }
    if (keyPeriod.toMillis() < 100) {
      throw new IllegalArgumentException("key period must be >= 0.1 s, got " + keyPeriod.toMillis() + " ms");
    }
    if (readPercent < 0 || readPercent > 100) {
      throw new IllegalArgumentException("read percent must be 0..100, got " + readPercent);
    }
    if (quietMs < 0 || faultMs < 100) {
      throw new IllegalArgumentException("quiet must be >= 0 s and faults >= 0.1 s");
    }
    if (requestTimeout.toMillis() < 100 || checkBudgetPerKey.toMillis() < 1) {
      throw new IllegalArgumentException("request timeout must be >= 100 ms and the check budget > 0");
    }
    return this;
  }
}
