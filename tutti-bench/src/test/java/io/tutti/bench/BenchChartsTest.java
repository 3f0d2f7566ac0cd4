package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's two PNGs: where they go, their size, and the numbers they are drawn from. */
class BenchChartsTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  Path dir;

  /** 1..1000 µs once each; 2 s warmup, 10 s measured, 3 operations completed after the end. */
  private static BenchResult result() {
    Histogram latency = new Histogram(3);
    for (long micros = 1; micros <= 1000; micros++) {
      latency.recordValue(micros);
    }
    return new BenchResult("etcd", ReportTest.options(0), latency, new TreeMap<>(Map.of()), 0, 0, 0, 10_000_000_000L, 0,
        ReportTest.COMPLETED_PER_SECOND);
  }

  @Test
  void bothChartsAreWrittenAsPngsOfTheExpectedSize() throws IOException {
    List<Path> files = BenchCharts.write(dir.resolve("run"), result());

    assertThat(files).containsExactly(dir.resolve("run").resolve(BenchCharts.LATENCY_FILE),
        dir.resolve("run").resolve(BenchCharts.THROUGHPUT_FILE));
    for (Path file : files) {
      assertThat(Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length)).as(file.toString())
          .isEqualTo(PNG_SIGNATURE);
      BufferedImage image = ImageIO.read(file.toFile());
      assertThat(image.getWidth()).as(file.toString()).isEqualTo(BenchCharts.WIDTH_PX);
      assertThat(image.getHeight()).as(file.toString()).isEqualTo(BenchCharts.HEIGHT_PX);
    }
  }

  @Test
  void theDistributionEndsAtTheLastSampleNotAtOneHundredPercent() {
    double[][] points = BenchCharts.percentiles(result().latencyMicros());

    double[] percentiles = points[0];
    double[] latenciesMs = points[1];
    assertThat(percentiles[0]).isZero();
    assertThat(percentiles[percentiles.length - 1]).isEqualTo(99.9); // 1000 samples: the last is at 1 - 1/1000
    assertThat(latenciesMs[latenciesMs.length - 1]).isEqualTo(result().maxLatencyMs());
    for (int i = 1; i < percentiles.length; i++) {
      assertThat(percentiles[i]).isGreaterThanOrEqualTo(percentiles[i - 1]);
      assertThat(latenciesMs[i]).isGreaterThanOrEqualTo(latenciesMs[i - 1]);
    }
  }

  @Test
  void anEmptyHistogramHasNoPoints() {
    assertThat(BenchCharts.percentiles(new Histogram(3))[0]).isEmpty();
  }

  @Test
  void throughputIsDrawnForEveryWholeSecondOfTheRunAndLateCompletionsAreNamed() {
    BenchResult result = result();
    double[][] series = BenchCharts.throughputSeries(result);

    assertThat(series[0]).hasSize(12).startsWith(0, 1, 2).endsWith(11);
    assertThat(series[1]).startsWith(40, 80, 100);
    assertThat(Arrays.stream(series[1]).sum() + 3).isEqualTo(result.completedTotal());
    assertThat(BenchCharts.throughputSubtitle(result, series[1]))
        .contains("3 operations completed after the end (not drawn)");
  }
}
