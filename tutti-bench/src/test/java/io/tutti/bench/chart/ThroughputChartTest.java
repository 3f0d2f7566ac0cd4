package io.tutti.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.bench.chart.Charts.RenderedChart;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ThroughputChart}: one line over time, bands shaded behind. */
class ThroughputChartTest {
  @TempDir
  Path dir;

  @Test
  void writesAPngThatDecodesToTheRequestedSize() throws IOException {
    double[] seconds = new double[120];
    double[] opsPerSecond = new double[120];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = i;
      opsPerSecond[i] = i >= 40 && i < 55 ? 300 : 4_000 + 200 * Math.sin(i);
    }
    Path file = dir.resolve("throughput.png");

    ThroughputChart.writePng(file, "bench put", "a subtitle", seconds, opsPerSecond,
        List.of(new Band(40, 55, "kill n2")), 1000, 500);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(500);
  }

  @Test
  void aBandIsShadedInsideItsSpanAndNowhereElseInThePlot() {
    RenderedChart chart = ThroughputChart.render("t", null, new double[] {0, 1, 2, 3}, new double[] {10, 20, 15, 12},
        List.of(new Band(1, 2, "pause n1")), 1000, 500);

    int startPx = chart.xPx(1);
    int endPx = chart.xPx(2);
    assertThat(chart.countInPlot(x -> x > startPx + 1 && x < endPx - 1, Charts.overWhite(Bands.FILL)))
        .isGreaterThan(1_000);
    assertThat(chart.countInPlot(x -> x < startPx - 1 || x > endPx + 1, Charts.overWhite(Bands.FILL))).isZero();
  }

  @Test
  void eachSampleIsDrawnAcrossItsWholeSecond() {
    RenderedChart chart = ThroughputChart.render("t", null, new double[] {0, 1, 2, 3}, new double[] {10, 20, 15, 12},
        List.of(), 1000, 500);

    // The last second, [3, 4), is drawn to its end: line pixels up to x(4), none past it.
    int lastSecondEndPx = chart.xPx(4);
    assertThat(chart.countInPlot(x -> x > chart.xPx(3) + 2 && x < lastSecondEndPx - 2, Charts.LINE_PAINT))
        .isGreaterThan(50);
    assertThat(chart.countInPlot(x -> x > lastSecondEndPx + 2, Charts.LINE_PAINT)).isZero();
  }

  @Test
  void noSamplesStillRenders() throws IOException {
    Path file = dir.resolve("empty.png");
    ThroughputChart.writePng(file, "t", null, new double[0], new double[0], List.of(), 800, 400);

    assertThat(ImageIO.read(file.toFile()).getHeight()).isEqualTo(400);
  }

  @Test
  void samplesAndTimesOfDifferentLengthsAreRefused() {
    assertThatThrownBy(() -> ThroughputChart.render("t", null, new double[2], new double[3], List.of(), 800, 400))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 second starts but 3");
  }
}
