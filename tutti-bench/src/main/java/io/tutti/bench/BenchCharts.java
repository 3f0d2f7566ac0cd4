package io.tutti.bench;

import io.tutti.bench.chart.Band;
import io.tutti.bench.chart.PercentileChart;
import io.tutti.bench.chart.ThroughputChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The run's two pictures, written next to {@code summary.json}: {@value #LATENCY_FILE}, the measured latency
 * distribution as HdrHistogram plots it, and {@value #THROUGHPUT_FILE}, successful operations completed in each second
 * of the whole run with the warmup shaded. Both come from the run's own records, nothing else.
 */
public final class BenchCharts {
  public static final String LATENCY_FILE = "latency-percentiles.png";
  public static final String THROUGHPUT_FILE = "throughput.png";
  static final int WIDTH_PX = 1200;
  static final int HEIGHT_PX = 700;
  /** Points per halving of the distance to 100%: HdrHistogram's own plotting files use 5. */
  static final int PERCENTILE_TICKS_PER_HALF_DISTANCE = 5;

  private BenchCharts() {}

  /** Writes both charts into {@code directory} (created if needed) and returns their paths. */
  public static List<Path> write(Path directory, BenchResult result) throws IOException {
    Files.createDirectories(directory);
    Path latency = directory.resolve(LATENCY_FILE);
    double[][] distribution = percentiles(result.latencyMicros());
    PercentileChart.writePng(latency, title(result, "latency by percentile (measured window)"),
        latencySubtitle(result), distribution[0], distribution[1], WIDTH_PX, HEIGHT_PX);

    Path throughput = directory.resolve(THROUGHPUT_FILE);
    double[][] perSecond = throughputSeries(result);
    double warmupSeconds = result.options().warmup().toMillis() / 1000.0;
    List<Band> bands = warmupSeconds > 0 ? List.of(new Band(0, warmupSeconds, "warmup (not measured)")) : List.of();
    ThroughputChart.writePng(throughput, title(result, "successful operations per second"),
        throughputSubtitle(result, perSecond[1]), perSecond[0], perSecond[1], bands, WIDTH_PX, HEIGHT_PX);
    return List.of(latency, throughput);
  }

  /**
   * {percentiles[], latenciesMs[]} of the histogram, as HdrHistogram iterates them. The last recorded value sits at
   * the percentile of the last sample, 100·(1 − 1/count), not at 100%, which a log scale of 1/(1−p) cannot show.
   */
  static double[][] percentiles(Histogram latencyMicros) {
    long count = latencyMicros.getTotalCount();
    if (count == 0) {
      return new double[][] {new double[0], new double[0]};
    }
    double lastSamplePercent = 100 * (1 - 1.0 / count);
    List<double[]> points = new ArrayList<>();
    for (HistogramIterationValue value : latencyMicros.percentiles(PERCENTILE_TICKS_PER_HALF_DISTANCE)) {
      double percent = Math.min(value.getPercentileLevelIteratedTo(), lastSamplePercent);
      points.add(new double[] {percent, latencyMicros.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0});
    }
    return new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(),
        points.stream().mapToDouble(p -> p[1]).toArray()};
  }

  /**
   * {secondStarts[], opsPerSecond[]} for every whole second of the run, warmup first. Operations that completed after
   * the run's end (sent before it) are left out of the line and named in the subtitle instead: their second is not a
   * whole second of load.
   */
  static double[][] throughputSeries(BenchResult result) {
    long[] counts = result.completedPerSecond();
    int runSeconds = (int) Math.ceil((result.options().warmup().toMillis() + result.options().duration().toMillis())
        / 1000.0);
    int seconds = Math.min(counts.length, runSeconds);
    double[] starts = new double[runSeconds];
    double[] opsPerSecond = new double[runSeconds];
    for (int second = 0; second < runSeconds; second++) { // each drawn over [second, second + 1)
      starts[second] = second;
      opsPerSecond[second] = second < seconds ? counts[second] : 0;
    }
    return new double[][] {starts, opsPerSecond};
  }

  static String title(BenchResult result, String what) {
    BenchOptions options = result.options();
    return String.format(Locale.ROOT, "%s %s, %d clients × %d in flight, %s: %s", result.driver(),
        options.workload(), options.clients(), options.inflight(),
        options.openLoop() ? "open loop at " + options.rateOpsPerSecond() + " ops/s" : "closed loop", what);
  }

  static String latencySubtitle(BenchResult result) {
    return String.format(Locale.ROOT, "p50 %s ms · p99 %s ms · p99.9 %s ms · max %s ms · %,d operations in %s s",
        Report.ms(result.latencyMs(50)).toPlainString(), Report.ms(result.latencyMs(99)).toPlainString(),
        Report.ms(result.latencyMs(99.9)).toPlainString(), Report.ms(result.maxLatencyMs()).toPlainString(),
        result.ops(), BenchOptions.seconds(result.options().duration()));
  }

  static String throughputSubtitle(BenchResult result, double[] drawn) {
    long late = result.completedTotal() - (long) Arrays.stream(drawn).sum();
    return String.format(Locale.ROOT, "measured: %.1f ops/s on average%s", result.opsPerSecond(),
        late > 0 ? String.format(Locale.ROOT, " · %,d operations completed after the end (not drawn)", late) : "");
  }
}
