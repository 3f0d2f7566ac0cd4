package io.tutti.bench.chart;

import io.tutti.bench.chart.Charts.RenderedChart;
import io.tutti.core.check.Check;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Throughput over time as one stepped line, a step per second, with {@link Band}s (warmup, faults) shaded behind:
 * sample i is the rate over the second [{@code secondStarts[i]}, {@code secondStarts[i] + 1}), and is drawn over that
 * whole second rather than as a point at its start.
 */
public final class ThroughputChart {
  static final float LINE_WIDTH_PX = 1.5f;
  static final String NO_SAMPLES = "no throughput samples recorded";

  private ThroughputChart() {}

  /**
   * Writes the chart to {@code file} as a PNG of {@code width} by {@code height} pixels: {@code opsPerSecond[i]} over
   * the second from {@code secondStarts[i]} (ascending), with the bands shaded behind.
   *
   * @param subtitle a line under the title; null for none
   */
  public static void writePng(Path file, String title, String subtitle, double[] secondStarts, double[] opsPerSecond,
      List<Band> bands, int width, int height) throws IOException {
    Objects.requireNonNull(file, "file");
    Charts.writePng(file, render(title, subtitle, secondStarts, opsPerSecond, bands, width, height).image());
  }

  public static RenderedChart render(String title, String subtitle, double[] secondStarts, double[] opsPerSecond,
      List<Band> bands, int width, int height) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(secondStarts, "secondStarts");
    Objects.requireNonNull(opsPerSecond, "opsPerSecond");
    Objects.requireNonNull(bands, "bands");
    Charts.checkSize(width, height);
    Check.argument(secondStarts.length == opsPerSecond.length, "%d second starts but %d throughput samples",
        secondStarts.length, opsPerSecond.length);
    double lower = 0;
    double upper = 0;
    double maxOpsPerSecond = 0;
    for (int i = 0; i < secondStarts.length; i++) {
      Check.argument(Double.isFinite(secondStarts[i]) && Double.isFinite(opsPerSecond[i]) && opsPerSecond[i] >= 0,
          "throughput sample %d (%s ops/s at %s s) is not a finite, non-negative rate", i, opsPerSecond[i],
          secondStarts[i]);
      Check.argument(i == 0 || secondStarts[i] > secondStarts[i - 1], "second %s follows %s: not ascending",
          secondStarts[i], i == 0 ? 0 : secondStarts[i - 1]);
      lower = Math.min(lower, secondStarts[i]);
      upper = Math.max(upper, secondStarts[i] + 1);
      maxOpsPerSecond = Math.max(maxOpsPerSecond, opsPerSecond[i]);
    }
    for (Band band : bands) {
      lower = Math.min(lower, band.startSeconds());
      upper = Math.max(upper, band.endSeconds());
    }
    if (upper <= lower) {
      upper = lower + 1;
    }
    upper += (upper - lower) * 0.01;

    NumberAxis timeAxis = new NumberAxis("time since run start (s)");
    timeAxis.setRange(lower, upper);
    NumberAxis throughputAxis = new NumberAxis("throughput (ops/s)");
    XYStepRenderer steps = new XYStepRenderer();
    steps.setSeriesPaint(0, Charts.LINE_PAINT);
    steps.setSeriesStroke(0, new BasicStroke(LINE_WIDTH_PX));
    XYPlot plot = new XYPlot(steps(secondStarts, opsPerSecond), timeAxis, throughputAxis, steps);
    Charts.style(plot, NO_SAMPLES);

    int headroomPx = Bands.addTo(plot, bands, Charts.secondsToPx(width, lower, upper));
    double fraction = Math.min(Charts.HEADROOM_FRACTION_MAX, headroomPx / Charts.dataHeightPx(height));
    double top = Math.max(1, maxOpsPerSecond * 1.05);
    throughputAxis.setRange(0, top / (1 - fraction));

    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    Charts.addSubtitle(chart, subtitle);
    chart.setAntiAlias(true);
    return Charts.render(chart, width, height);
  }

  /** The samples, and the last one again at the end of its second, so that the step renderer draws that second too. */
  private static DefaultXYDataset steps(double[] secondStarts, double[] opsPerSecond) {
    int n = secondStarts.length;
    double[] x = Arrays.copyOf(secondStarts, n == 0 ? 0 : n + 1);
    double[] y = Arrays.copyOf(opsPerSecond, x.length);
    if (n > 0) {
      x[n] = secondStarts[n - 1] + 1;
      y[n] = opsPerSecond[n - 1];
    }
    DefaultXYDataset dataset = new DefaultXYDataset();
    dataset.addSeries("throughput", new double[][] {x, y});
    return dataset;
  }
}
