package io.tutti.bench.chart;

import io.tutti.core.check.Check;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * The horizontal axis of a percentile plot: values are {@code 1/(1-p)} on a log scale, so each "nine" (90%, 99%,
 * 99.9%, ...) takes the same width, and ticks are labelled with the percentile they stand for: 0%, 50%, then one per
 * nine.
 */
final class PercentileAxis extends LogAxis {
  private static final long serialVersionUID = 1L;

  PercentileAxis(String label) {
    super(label);
    setSmallestValue(1);
  }

  /** Where percentile {@code percent} (0 ≤ p < 100) lies on this axis: {@code 1/(1-p/100)}. */
  static double position(double percent) {
    Check.argument(percent >= 0 && percent < 100, "percentile %s is outside [0, 100)", percent);
    return 1 / (1 - percent / 100);
  }

  /** The percentile a position stands for, as a label: {@code 50%}, {@code 99.9%}. */
  static String label(double position) {
    double percent = 100 * (1 - 1 / position);
    DecimalFormat format = new DecimalFormat("0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return format.format(percent) + "%";
  }

  /** Tick positions in [{@code lower}, {@code upper}]: 1 (0%), 2 (50%) and every power of ten (one per nine). */
  static List<Double> tickPositions(double lower, double upper) {
    Check.argument(lower >= 1 && upper > lower, "percentile axis range [%s, %s] is not within [1, ∞)", lower, upper);
    List<Double> positions = new ArrayList<>();
    for (double position : new double[] {1, 2}) {
      if (position >= lower && position <= upper) {
        positions.add(position);
      }
    }
    for (double position = 10; position <= upper; position *= 10) {
      if (position >= lower) {
        positions.add(position);
      }
    }
    return positions;
  }

  @Override
  protected List<NumberTick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
    List<NumberTick> ticks = new ArrayList<>();
    for (double position : tickPositions(getLowerBound(), getUpperBound())) {
      ticks.add(new NumberTick(TickType.MAJOR, position, label(position), anchor, TextAnchor.CENTER, 0));
    }
    return ticks;
  }
}
