package io.tutti.verify.workload;

import io.tutti.client.Item;
import io.tutti.client.TuttiClient;
import io.tutti.verify.checker.SetCheckResult;
import io.tutti.verify.checker.SetChecker;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Unique adds to a set: each add writes the key {@code s/<element>} (a new element every time). After healing, one
 * linearizable scan of {@code s/} is the final read; it must contain every acknowledged add (none lost) and nothing
 * that was never added (none unexpected). In the history the final read is a {@code read} of key {@code s/} whose
 * value is the elements read, sorted, separated by single spaces.
 */
public final class SetWorkload implements Workload {
  static final String PREFIX = "s/";
  private static final int SCAN_PAGE_SIZE = 1000;

  @Override
  public String name() {
    return "set";
  }

  @Override
  public void step(ClientProcess client) {
    String element = "e" + client.uniqueValue().substring(1);
    long invoke = client.now();
    try {
      client.client().put(KEYSPACE, PREFIX + element, element);
      client.record(OpKind.ADD, PREFIX, element, null, OpType.OK, invoke, null);
    } catch (RuntimeException e) {
      client.record(OpKind.ADD, PREFIX, element, null, ClientProcess.writeFailure(e), invoke,
          ClientProcess.errorName(e));
    }
  }

  @Override
  public void finalReads(TuttiClient tutti, List<String> nodeAddresses, Recorder recorder, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      long invoke = recorder.now();
      try {
        TreeSet<String> elements = new TreeSet<>();
        for (Item item : tutti.scanAll(KEYSPACE, PREFIX.getBytes(StandardCharsets.UTF_8), SCAN_PAGE_SIZE)) {
          elements.add(item.valueAsString());
        }
        recorder.record(FINAL_READER_PROCESS, OpKind.READ, PREFIX, String.join(" ", elements), null, OpType.OK,
            invoke, recorder.now(), null);
        return;
      } catch (RuntimeException e) {
        recorder.record(FINAL_READER_PROCESS, OpKind.READ, PREFIX, null, null, OpType.FAIL, invoke, recorder.now(),
            ClientProcess.errorName(e));
        if (System.nanoTime() > deadline) {
          return;
        }
        Thread.sleep(500); // pause between attempts of a bounded retry loop
      }
    }
  }

  @Override
  public Map<String, Map<String, Object>> check(List<Operation> history, Duration budgetPerKey) {
    List<Operation> adds = history.stream().filter(op -> op.f() == OpKind.ADD).toList();
    Operation finalRead = history.stream()
        .filter(op -> op.f() == OpKind.READ && op.process() == FINAL_READER_PROCESS && op.type() == OpType.OK)
        .reduce((first, second) -> second).orElse(null);
    SetChecker.FinalRead read = finalRead == null ? new SetChecker.FinalRead.Failed("no final read succeeded")
        : new SetChecker.FinalRead.Elements(finalRead.value().isEmpty() ? java.util.Set.of()
            : java.util.Set.of(finalRead.value().split(" ")));
    SetCheckResult result = SetChecker.check(adds, read);
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("valid", result.valid());
    verdict.put("summary", CheckSummaries.set(result));
    verdict.put("result", result);
    Map<String, Map<String, Object>> checkers = new LinkedHashMap<>();
    checkers.put("set", verdict);
    return checkers;
  }
}
