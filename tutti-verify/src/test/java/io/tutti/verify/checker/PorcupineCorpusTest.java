package io.tutti.verify.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.tutti.verify.history.History;
import io.tutti.verify.history.HistoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public histories with known verdicts described in {@code shared/porcupine-data/README.md} (Porcupine's
 * {@code test_data}: Jepsen's etcd logs and Porcupine's kv histories): every file gets exactly the listed verdict.
 * The folder lives beside the repository ({@code <repo>/../shared/porcupine-data}); its absence is a failure.
 */
class PorcupineCorpusTest {
  /** The README's list of linearizable etcd logs; every other etcd_000 to etcd_059 is not linearizable. */
  private static final Set<String> LINEARIZABLE = Set.of(
      "etcd_002.log", "etcd_005.log", "etcd_007.log", "etcd_018.log", "etcd_025.log", "etcd_031.log",
      "etcd_038.log", "etcd_045.log", "etcd_048.log", "etcd_049.log", "etcd_051.log", "etcd_053.log",
      "etcd_056.log", "c01-ok.txt", "c10-ok.txt");
  private static final Duration BUDGET_PER_KEY = Duration.ofSeconds(60);

  static Path corpus() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("porcupine-data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("shared/porcupine-data not found in any parent of " + System.getProperty("user.dir")
        + ": the corpus must sit beside the repository, at <repo>/../shared/porcupine-data");
  }

  static Stream<Path> corpusFiles() throws IOException {
    Path corpus = corpus();
    try (Stream<Path> jepsen = Files.list(corpus.resolve("jepsen"));
        Stream<Path> kv = Files.list(corpus.resolve("kv"))) {
      return Stream.concat(jepsen, kv).sorted().toList().stream();
    }
  }

  @Test
  void theCorpusHoldsTheSixtyEtcdLogsAndFourKvHistoriesOfTheReadme() throws IOException {
    List<String> names = corpusFiles().map(p -> p.getFileName().toString()).toList();
    assertThat(names).hasSize(64).contains("etcd_000.log", "etcd_059.log", "c01-ok.txt", "c01-bad.txt",
        "c10-ok.txt", "c10-bad.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void everyCorpusFileGetsTheVerdictOfTheReadme(Path file) throws Exception {
    History history = HistoryFiles.read(file);
    CheckResult result = new LinearizabilityChecker(BUDGET_PER_KEY, Duration.ofMinutes(5),
        KeyValueModel.startingAt(history.initialValue())).check(history.operations());
    Verdict expected = LINEARIZABLE.contains(file.getFileName().toString())
        ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE;
    assertThat(result.verdict()).as("%s: %s", file.getFileName(), result.reason()).isEqualTo(expected);
    assertThat(result.explanation().isPresent()).isEqualTo(expected == Verdict.NOT_LINEARIZABLE);
    result.explanation().ifPresent(explanation -> {
      // The explanation is a proof: its operations cannot be ordered even on their own.
      assertThat(explanation.minimal()).isTrue();
      assertThat(new LinearizabilityChecker(BUDGET_PER_KEY, Duration.ofMinutes(5),
          KeyValueModel.startingAt(history.initialValue())).check(explanation.operations()).verdict())
          .isEqualTo(Verdict.NOT_LINEARIZABLE);
    });
  }
}
