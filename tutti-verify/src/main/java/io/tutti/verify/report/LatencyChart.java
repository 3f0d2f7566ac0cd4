package io.tutti.verify.report;

import io.tutti.bench.chart.Bands;
import io.tutti.bench.chart.Charts;
import io.tutti.bench.chart.Charts.RenderedChart;
import io.tutti.bench.chart.Headless;
import io.tutti.core.check.Check;
import io.tutti.verify.report.LatencyPoint.Outcome;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * PNG charts for a {@code tutti verify run} report: every client operation's latency over the run, coloured by
 * outcome, with the nemesis's faults shaded behind.
 *
 * <p>Points are drawn as small unantialiased squares, not shapes: 200,000 of them draw in well under a second and the
 * PNG stays small. Outcomes are drawn ok first, then fail, then info, so the rare operations of unknown outcome, which
 * matter most, are never hidden under the common ones; ok points are translucent when there are many, so density
 * shows. The latency axis is logarithmic and reaches the slowest point, so info operations that hit the client's
 * timeout stay on the chart.
 */
public final class LatencyChart {
  static {
    Headless.ensure(); // before every other static here: the first Color class to load fixes AWT's mode
  }

  /** Where zero and negative latencies are drawn: the log axis has no zero. */
  static final double LATENCY_FLOOR_MS = 0.001;
  static final Map<Outcome, Color> OUTCOME_PAINT = new EnumMap<>(Map.of(
      Outcome.OK, new Color(31, 119, 180),
      Outcome.FAIL, new Color(255, 127, 14),
      Outcome.INFO, new Color(214, 39, 40)));
  static final int MANY_POINTS = 20_000;
  static final int OK_ALPHA_WHEN_MANY = 110;
  /** Margin around the data on the latency axis, in decades. */
  static final double LATENCY_MARGIN_DECADES = 0.1;
  static final String NO_OPERATIONS = "no client operations recorded";

  private LatencyChart() {}

  /**
   * Writes the latency chart of a run to {@code file} as a PNG of {@code width} by {@code height} pixels.
   *
   * @param title names the run: workload, nemesis, seed
   * @param points one per client operation, in any order; may be empty
   * @param faults the nemesis's fault windows, in any order; may overlap
   */
  public static void writePng(Path file, String title, List<LatencyPoint> points, List<FaultWindow> faults, int width,
      int height) throws IOException {
    Objects.requireNonNull(file, "file");
    Charts.writePng(file, renderLatency(title, points, faults, width, height).image());
  }

  static RenderedChart renderLatency(String title, List<LatencyPoint> points, List<FaultWindow> faults, int width,
      int height) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(points, "points");
    Objects.requireNonNull(faults, "faults");
    Charts.checkSize(width, height);
    Map<Outcome, double[][]> byOutcome = splitByOutcome(points);

    double[] domain = domainSeconds(points, faults);
    NumberAxis timeAxis = new NumberAxis("time since run start (s)");
    timeAxis.setRange(domain[0], domain[1]);
    LogAxis latencyAxis = new LatencyAxis("latency (ms, log scale)");
    latencyAxis.setSmallestValue(LATENCY_FLOOR_MS / 10);
    XYPlot plot = new XYPlot(null, timeAxis, latencyAxis, null);
    Charts.style(plot, NO_OPERATIONS);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    int dotPx = dotSizePx(points.size());
    for (Outcome outcome : Outcome.values()) {
      DefaultXYDataset dataset = new DefaultXYDataset();
      dataset.addSeries(outcome.name(), byOutcome.get(outcome));
      plot.setDataset(outcome.ordinal(), dataset);
      plot.setRenderer(outcome.ordinal(), dots(dotPaint(outcome, points.size()), dotPx + emphasisPx(outcome)));
    }
    plot.setFixedLegendItems(legend(byOutcome, !faults.isEmpty()));

    int headroomPx = Bands.addTo(plot, faults.stream().map(FaultWindow::band).toList(),
        Charts.secondsToPx(width, domain[0], domain[1]));
    double[] latencyRange = latencyRangeMs(byOutcome, headroomPx / Charts.dataHeightPx(height));
    latencyAxis.setRange(latencyRange[0], latencyRange[1]);

    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    long belowFloor = points.stream().filter(p -> p.latencyMs() < LATENCY_FLOOR_MS).count();
    if (belowFloor > 0) {
      chart.addSubtitle(new TextTitle(String.format("%,d operations with latency below %s ms are drawn at %s ms",
          belowFloor, LATENCY_FLOOR_MS, LATENCY_FLOOR_MS), Charts.NOTE_FONT.deriveFont(12f)));
    }
    chart.setAntiAlias(false); // crisp square dots, and much faster with 100,000s of them
    return Charts.render(chart, width, height);
  }

  /** For each outcome, {x[], y[]} as {@link DefaultXYDataset} wants them, with latencies clamped to the floor. */
  static Map<Outcome, double[][]> splitByOutcome(List<LatencyPoint> points) {
    int[] counts = new int[Outcome.values().length];
    for (LatencyPoint point : points) {
      counts[point.outcome().ordinal()]++;
    }
    Map<Outcome, double[][]> byOutcome = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      byOutcome.put(outcome, new double[2][counts[outcome.ordinal()]]);
    }
    int[] filled = new int[counts.length];
    for (LatencyPoint point : points) {
      double[][] xy = byOutcome.get(point.outcome());
      int i = filled[point.outcome().ordinal()]++;
      xy[0][i] = point.timeSeconds();
      xy[1][i] = Math.max(LATENCY_FLOOR_MS, point.latencyMs());
    }
    return byOutcome;
  }

  /** From the run start (or the earliest point or fault, if before it) to the last point or fault end, plus 1%. */
  static double[] domainSeconds(List<LatencyPoint> points, List<FaultWindow> faults) {
    double lower = 0;
    double upper = 0;
    for (LatencyPoint point : points) {
      lower = Math.min(lower, point.timeSeconds());
      upper = Math.max(upper, point.timeSeconds());
    }
    for (FaultWindow fault : faults) {
      lower = Math.min(lower, fault.startSeconds());
      upper = Math.max(upper, fault.endSeconds());
    }
    if (upper <= lower) {
      upper = lower + 1;
    }
    return new double[] {lower, upper + (upper - lower) * 0.01};
  }

  /**
   * The latency axis: from the fastest to the slowest point with a margin, at least one decade, and extended upwards
   * so that {@code headroomFraction} of the data area's height stays free above the slowest point for fault labels.
   */
  static double[] latencyRangeMs(Map<Outcome, double[][]> byOutcome, double headroomFraction) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[][] xy : byOutcome.values()) {
      for (double latencyMs : xy[1]) {
        min = Math.min(min, latencyMs);
        max = Math.max(max, latencyMs);
      }
    }
    if (min > max) {
      min = 0.1;
      max = 1_000;
    }
    double lowerLog = Math.log10(min) - LATENCY_MARGIN_DECADES;
    double upperLog = Math.log10(max) + LATENCY_MARGIN_DECADES;
    if (upperLog - lowerLog < 1) {
      double middle = (upperLog + lowerLog) / 2;
      lowerLog = middle - 0.5;
      upperLog = middle + 0.5;
    }
    double fraction = Math.min(Charts.HEADROOM_FRACTION_MAX, headroomFraction);
    upperLog += (upperLog - lowerLog) * fraction / (1 - fraction);
    Check.state(upperLog > lowerLog, "latency axis [%s, %s] decades is empty", lowerLog, upperLog);
    return new double[] {Math.pow(10, lowerLog), Math.pow(10, upperLog)};
  }

  static int dotSizePx(int pointCount) {
    return pointCount <= 2_000 ? 4 : pointCount <= MANY_POINTS ? 3 : 2;
  }

  /** Rarer outcomes get bigger dots: a lone info operation must catch the eye among 100,000 ok ones. */
  private static int emphasisPx(Outcome outcome) {
    return switch (outcome) {
      case OK -> 0;
      case FAIL -> 1;
      case INFO -> 2;
    };
  }

  private static Color dotPaint(Outcome outcome, int pointCount) {
    Color paint = OUTCOME_PAINT.get(outcome);
    if (outcome == Outcome.OK && pointCount > MANY_POINTS) {
      return new Color(paint.getRed(), paint.getGreen(), paint.getBlue(), OK_ALPHA_WHEN_MANY);
    }
    return paint;
  }

  private static XYDotRenderer dots(Color paint, int sizePx) {
    XYDotRenderer renderer = new XYDotRenderer();
    renderer.setDotWidth(sizePx);
    renderer.setDotHeight(sizePx);
    renderer.setSeriesPaint(0, paint);
    return renderer;
  }

  /** Opaque swatches with counts, whatever the dots' translucency; a fault swatch when there are faults. */
  private static LegendItemCollection legend(Map<Outcome, double[][]> byOutcome, boolean withFaults) {
    Shape swatch = new Rectangle2D.Double(-5, -5, 10, 10);
    LegendItemCollection items = new LegendItemCollection();
    for (Outcome outcome : Outcome.values()) {
      String label = String.format("%s (%,d)", outcome.name().toLowerCase(Locale.ROOT),
          byOutcome.get(outcome)[0].length);
      items.add(new LegendItem(label, null, null, null, swatch, OUTCOME_PAINT.get(outcome)));
    }
    if (withFaults) {
      items.add(new LegendItem("fault window", null, null, null, swatch, Bands.FILL, new BasicStroke(1f),
          Bands.EDGE));
    }
    return items;
  }
}
