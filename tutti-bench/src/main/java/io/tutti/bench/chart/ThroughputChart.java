package io.tutti.bench.chart;

import io.tutti.bench.chart.Charts.RenderedChart;
import io.tutti.core.check.Check;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/** Throughput over time as one line, with {@link Band}s (warmup, faults) shaded behind. */
public final class ThroughputChart {
  static {
    Headless.ensure(); // before the AWT constants below
  }

  static final Color LINE_PAINT = new Color(31, 119, 180);
  static final float LINE_WIDTH_PX = 1.5f;
  static final String NO_SAMPLES = "no throughput samples recorded";

  private ThroughputChart() {}

  /**
   * Writes the chart to {@code file} as a PNG of {@code width} by {@code height} pixels: one line through
   * ({@code secondStarts[i]}, {@code opsPerSecond[i]}), with the bands shaded behind.
   */
  public static void writePng(Path file, String title, double[] secondStarts, double[] opsPerSecond, List<Band> bands,
      int width, int height) throws IOException {
    Objects.requireNonNull(file, "file");
    Charts.writePng(file, render(title, secondStarts, opsPerSecond, bands, width, height).image());
  }

  public static RenderedChart render(String title, double[] secondStarts, double[] opsPerSecond, List<Band> bands,
      int width, int height) {
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
      lower = Math.min(lower, secondStarts[i]);
      upper = Math.max(upper, secondStarts[i]);
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
    DefaultXYDataset dataset = new DefaultXYDataset();
    dataset.addSeries("throughput", new double[][] {secondStarts.clone(), opsPerSecond.clone()});
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, LINE_PAINT);
    line.setSeriesStroke(0, new BasicStroke(LINE_WIDTH_PX));
    XYPlot plot = new XYPlot(dataset, timeAxis, throughputAxis, line);
    Charts.style(plot, NO_SAMPLES);

    int headroomPx = Bands.addTo(plot, bands, Charts.secondsToPx(width, lower, upper));
    double fraction = Math.min(Charts.HEADROOM_FRACTION_MAX, headroomPx / Charts.dataHeightPx(height));
    double top = Math.max(1, maxOpsPerSecond * 1.05);
    throughputAxis.setRange(0, top / (1 - fraction));

    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.setAntiAlias(true);
    return Charts.render(chart, width, height);
  }
}
