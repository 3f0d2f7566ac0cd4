package io.tutti.cli;

import io.tutti.bench.compare.Comparison;
import io.tutti.bench.compare.ComparisonReport;
import io.tutti.bench.compare.ComparisonReport.TextTable;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tutti compare-report DIR}: the side-by-side table of a {@code bench/compare} results directory, and its
 * {@code summary.json}. The script calls it at the end of a run; it can be run again on any such directory.
 */
@Command(name = "compare-report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print Tutti, etcd and Redis side by side from a bench/compare results directory (its "
        + "<system>-<workload>/summary.json runs, runs.tsv, meta.tsv, commands.txt) and write DIR/summary.json.",
        "A figure that is absent is shown as —; a run with errors or a failed exit is marked !."})
final class CompareReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Results directory written by bench/compare")
  Path dir;

  @Option(names = "--no-write", description = "Only print; do not write DIR/summary.json")
  boolean noWrite;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "%s is not a directory", dir);
    }
    Comparison comparison = Comparison.load(dir);
    if (comparison.rows().isEmpty()) {
      throw TuttiException.of(ErrorCode.NOT_FOUND,
          "no runs in %s: expected runs.tsv or <system>-<workload>/summary.json directories", dir);
    }
    PrintWriter out = spec.commandLine().getOut();
    ComparisonReport.header(comparison).forEach(out::println);
    out.println();
    print(ComparisonReport.figures(comparison), out);
    out.println();
    print(ComparisonReport.ratios(comparison), out);
    out.println();
    ComparisonReport.legend(comparison).forEach(out::println);
    if (!noWrite) {
      out.printf("%-10s %s%n", "summary", ComparisonReport.writeJson(dir, comparison));
    }
    out.flush();
    return 0;
  }

  private static void print(TextTable text, PrintWriter out) {
    Table table = new Table(text.header().toArray(String[]::new));
    text.rows().forEach(row -> table.row(row.toArray()));
    table.print(out);
  }
}
