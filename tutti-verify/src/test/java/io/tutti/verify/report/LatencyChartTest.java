package io.tutti.verify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.bench.chart.Bands;
import io.tutti.bench.chart.Charts;
import io.tutti.bench.chart.Charts.RenderedChart;
import io.tutti.verify.report.LatencyPoint.Outcome;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LatencyChart}: PNGs that decode to the asked size, with faults shaded where they were and nowhere else. */
class LatencyChartTest {
  private static final int WIDTH_PX = 1200;
  private static final int HEIGHT_PX = 700;
  /** What a band looks like where nothing is drawn over it: its translucent fill over the white background. */
  private static final Color BAND_OVER_WHITE = Charts.overWhite(Bands.FILL);

  @TempDir
  Path dir;

  @Test
  void writesAPngThatDecodesToTheRequestedSize() throws IOException {
    Path file = dir.resolve("latency.png");
    LatencyChart.writePng(file, "register / kill / seed 42", steadyPoints(2_000, 60, 7),
        List.of(new FaultWindow(10, 20, "kill n2")), WIDTH_PX, HEIGHT_PX);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(WIDTH_PX);
    assertThat(image.getHeight()).isEqualTo(HEIGHT_PX);
  }

  @Test
  void aFaultIsShadedInsideItsWindowAndNowhereElseInThePlot() {
    RenderedChart chart = LatencyChart.renderLatency("t", steadyPoints(5_000, 60, 1),
        List.of(new FaultWindow(20, 30, "partition {1,2}|{3}")), WIDTH_PX, HEIGHT_PX);

    int startPx = chart.xPx(20);
    int endPx = chart.xPx(30);
    assertThat(endPx - startPx).as("band width in px").isGreaterThan(50);
    // One pixel of slack either side for the band's edge lines.
    assertThat(chart.countInPlot(x -> x > startPx + 1 && x < endPx - 1, BAND_OVER_WHITE))
        .as("band-coloured pixels inside [%d, %d] px", startPx, endPx).isGreaterThan(1_000);
    assertThat(chart.countInPlot(x -> x < startPx - 1 || x > endPx + 1, BAND_OVER_WHITE))
        .as("band-coloured pixels outside [%d, %d] px", startPx, endPx).isZero();
  }

  @Test
  void withoutFaultsNothingIsShaded() {
    RenderedChart chart = LatencyChart.renderLatency("t", steadyPoints(5_000, 60, 1), List.of(), WIDTH_PX, HEIGHT_PX);

    assertThat(chart.countInPlot(x -> true, BAND_OVER_WHITE)).isZero();
  }

  @Test
  void anInfoOperationAtTheClientTimeoutStaysOnTheChart() {
    List<LatencyPoint> points = new ArrayList<>(steadyPoints(5_000, 60, 3));
    points.add(new LatencyPoint(30, 10_000, Outcome.INFO));

    RenderedChart chart = LatencyChart.renderLatency("t", points, List.of(), WIDTH_PX, HEIGHT_PX);

    int xPx = chart.xPx(30);
    assertThat(chart.countInPlot(x -> Math.abs(x - xPx) <= 3, LatencyChart.OUTCOME_PAINT.get(Outcome.INFO)))
        .isGreaterThan(0);
  }

  @Test
  void zeroAndNegativeLatenciesAreDrawnAtTheFloor() throws IOException {
    List<LatencyPoint> points = List.of(new LatencyPoint(1, 0, Outcome.OK), new LatencyPoint(2, -3, Outcome.FAIL),
        new LatencyPoint(3, 2.5, Outcome.OK));

    assertThat(LatencyChart.splitByOutcome(points).get(Outcome.OK)[1]).containsExactly(LatencyChart.LATENCY_FLOOR_MS,
        2.5);
    assertThat(LatencyChart.splitByOutcome(points).get(Outcome.FAIL)[1])
        .containsExactly(LatencyChart.LATENCY_FLOOR_MS);
    Path file = dir.resolve("floor.png");
    LatencyChart.writePng(file, "t", points, List.of(), WIDTH_PX, HEIGHT_PX);
    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(WIDTH_PX);
  }

  @Test
  void anEmptyRunStillRendersWithANote() throws IOException {
    Path file = dir.resolve("empty.png");
    LatencyChart.writePng(file, "t", List.of(), List.of(), WIDTH_PX, HEIGHT_PX);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH_PX);
    assertThat(image.getHeight()).isEqualTo(HEIGHT_PX);

    RenderedChart chart = LatencyChart.renderLatency("t", List.of(), List.of(), WIDTH_PX, HEIGHT_PX);
    assertThat(chart.countInPlot(x -> true, LatencyChartTest::isDark)).as("dark pixels of the no-data note")
        .isGreaterThan(100);
  }

  @Test
  void anEmptyRunWithFaultsShowsTheirBands() {
    RenderedChart chart = LatencyChart.renderLatency("t", List.of(), List.of(new FaultWindow(5, 8, "pause n1")),
        WIDTH_PX, HEIGHT_PX);

    int startPx = chart.xPx(5);
    int endPx = chart.xPx(8);
    assertThat(chart.countInPlot(x -> x > startPx + 1 && x < endPx - 1, BAND_OVER_WHITE)).isGreaterThan(1_000);
  }

  @Test
  void twoHundredThousandPointsRenderToASmallFile() throws IOException {
    Path file = dir.resolve("big.png");
    LatencyChart.writePng(file, "t", steadyPoints(200_000, 600, 11),
        List.of(new FaultWindow(100, 160, "kill n2"), new FaultWindow(300, 330, "pause n1")), 1600, 900);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(1600);
    assertThat(image.getHeight()).isEqualTo(900);
    assertThat(Files.size(file)).as("PNG bytes").isLessThan(2L << 20);
  }

  @Test
  void aSizeOutsideTheLimitsIsRefusedByName() {
    assertThatThrownBy(() -> LatencyChart.renderLatency("t", List.of(), List.of(), 50, HEIGHT_PX))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50x700");
  }

  /** Points spread over {@code seconds}: latencies log-normal around 2 ms, a few failures and timeouts. */
  static List<LatencyPoint> steadyPoints(int count, double seconds, long seed) {
    Random random = new Random(seed);
    List<LatencyPoint> points = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double time = seconds * i / count;
      double roll = random.nextDouble();
      Outcome outcome = roll < 0.01 ? Outcome.INFO : roll < 0.04 ? Outcome.FAIL : Outcome.OK;
      double latencyMs = outcome == Outcome.INFO ? 5_000 : Math.exp(Math.log(2) + 0.8 * random.nextGaussian());
      points.add(new LatencyPoint(time, latencyMs, outcome));
    }
    return points;
  }

  private static boolean isDark(Color pixel) {
    return pixel.getRed() + pixel.getGreen() + pixel.getBlue() < 3 * 128;
  }
}
