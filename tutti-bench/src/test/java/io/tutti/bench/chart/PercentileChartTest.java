package io.tutti.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.bench.chart.Charts.RenderedChart;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PercentileChart}: each nine of the tail gets the same width, and the ticks name the percentiles. */
class PercentileChartTest {
  @TempDir
  Path dir;

  @Test
  void ticksSitAtZeroFiftyAndEveryNine() {
    assertThat(PercentileAxis.tickPositions(1, 100_000)).containsExactly(1.0, 2.0, 10.0, 100.0, 1_000.0, 10_000.0,
        100_000.0);
    assertThat(PercentileAxis.tickPositions(1, 100_000).stream().map(PercentileAxis::label))
        .containsExactly("0%", "50%", "90%", "99%", "99.9%", "99.99%", "99.999%");
  }

  @Test
  void aPercentileLiesAtOneOverOneMinusP() {
    assertThat(PercentileAxis.position(0)).isEqualTo(1);
    assertThat(PercentileAxis.position(50)).isEqualTo(2);
    assertThat(PercentileAxis.position(99)).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
    assertThatThrownBy(() -> PercentileAxis.position(100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100");
  }

  @Test
  void eachNineTakesTheSameWidth() {
    RenderedChart chart = PercentileChart.render("t", null, new double[] {0, 50, 90, 99, 99.9},
        new double[] {1, 1, 2, 3, 9}, 1000, 500);

    int ninetyToNinetyNine = chart.xPx(100) - chart.xPx(10);
    int ninetyNineToNinetyNinePointNine = chart.xPx(1000) - chart.xPx(100);
    assertThat(ninetyToNinetyNine).isPositive();
    assertThat(Math.abs(ninetyToNinetyNine - ninetyNineToNinetyNinePointNine)).isLessThanOrEqualTo(1);
  }

  @Test
  void theLineIsDrawnAcrossThePercentiles() {
    RenderedChart chart = PercentileChart.render("t", "p50 1 ms", new double[] {0, 50, 90, 99, 99.9},
        new double[] {1, 1, 2, 3, 9}, 1000, 500);

    int from = chart.xPx(1);
    int to = chart.xPx(1000);
    assertThat(chart.countInPlot(x -> x > from && x < to, Charts.LINE_PAINT)).isGreaterThan(100);
    assertThat(chart.countInPlot(x -> x > to + 3, Charts.LINE_PAINT)).isZero();
  }

  @Test
  void writesAPngOfTheRequestedSizeEvenWithoutSamples() throws IOException {
    Path file = dir.resolve("empty.png");
    PercentileChart.writePng(file, "t", null, new double[0], new double[0], 900, 450);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(450);
  }

  @Test
  void percentilesOutOfOrderOrLatenciesBelowZeroAreRefused() {
    assertThatThrownBy(() -> PercentileChart.render("t", null, new double[] {50, 10}, new double[] {1, 1}, 800, 400))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not ascending");
    assertThatThrownBy(() -> PercentileChart.render("t", null, new double[] {50}, new double[] {-1}, 800, 400))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> PercentileChart.render("t", null, new double[] {50}, new double[0], 800, 400))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 percentiles but 0 latencies");
  }
}
