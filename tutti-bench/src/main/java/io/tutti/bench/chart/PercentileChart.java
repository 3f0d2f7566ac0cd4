package io.tutti.bench.chart;

import io.tutti.bench.chart.Charts.RenderedChart;
import io.tutti.core.check.Check;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A latency distribution drawn the way HdrHistogram's plotter draws it: latency (ms) up, percentile across on a log
 * scale of {@code 1/(1-p)} ({@link PercentileAxis}), so that the median and each further nine of the tail get the same
 * width and a tail that a mean or a p99 alone would hide shows as the line's rise at the right.
 */
public final class PercentileChart {
  static final float LINE_WIDTH_PX = 2f;
  static final String NO_SAMPLES = "no successful operations recorded";
  /** The axis reaches at least 99% (position 100), whatever the sample count. */
  static final double POSITION_MIN_UPPER = 100;

  private PercentileChart() {}

  /**
   * Writes the chart to {@code file} as a PNG of {@code width} by {@code height} pixels.
   *
   * @param subtitle a line under the title (e.g. the headline percentiles); null for none
   * @param percentiles the points' percentiles, each in [0, 100), ascending
   * @param latenciesMs the latency at each percentile, in milliseconds
   */
  public static void writePng(Path file, String title, String subtitle, double[] percentiles, double[] latenciesMs,
      int width, int height) throws IOException {
    Objects.requireNonNull(file, "file");
    Charts.writePng(file, render(title, subtitle, percentiles, latenciesMs, width, height).image());
  }

  public static RenderedChart render(String title, String subtitle, double[] percentiles, double[] latenciesMs,
      int width, int height) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(percentiles, "percentiles");
    Objects.requireNonNull(latenciesMs, "latenciesMs");
    Charts.checkSize(width, height);
    Check.argument(percentiles.length == latenciesMs.length, "%d percentiles but %d latencies", percentiles.length,
        latenciesMs.length);
    double[] positions = new double[percentiles.length];
    for (int i = 0; i < percentiles.length; i++) {
      Check.argument(Double.isFinite(latenciesMs[i]) && latenciesMs[i] >= 0,
          "latency %s ms at percentile %s is not a finite, non-negative number", latenciesMs[i], percentiles[i]);
      Check.argument(i == 0 || percentiles[i] >= percentiles[i - 1], "percentile %s follows %s: not ascending",
          percentiles[i], i == 0 ? 0 : percentiles[i - 1]);
      positions[i] = PercentileAxis.position(percentiles[i]);
    }

    PercentileAxis percentileAxis = new PercentileAxis("percentile (log scale of 1/(1-p))");
    double last = positions.length == 0 ? 1 : positions[positions.length - 1];
    percentileAxis.setRange(1, Math.pow(10, Math.ceil(Math.log10(Math.max(POSITION_MIN_UPPER, last)))));
    NumberAxis latencyAxis = new NumberAxis("latency (ms)");
    latencyAxis.setAutoRangeIncludesZero(true);
    DefaultXYDataset dataset = new DefaultXYDataset();
    dataset.addSeries("latency", new double[][] {positions, latenciesMs.clone()});
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, Charts.LINE_PAINT);
    line.setSeriesStroke(0, new BasicStroke(LINE_WIDTH_PX));
    XYPlot plot = new XYPlot(dataset, percentileAxis, latencyAxis, line);
    Charts.style(plot, NO_SAMPLES);

    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    Charts.addSubtitle(chart, subtitle);
    chart.setAntiAlias(true);
    return Charts.render(chart, width, height);
  }
}
