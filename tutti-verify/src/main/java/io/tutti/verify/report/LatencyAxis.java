package io.tutti.verify.report;

import io.tutti.core.check.Check;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A vertical log axis for latencies whose ticks are round numbers: 1, 2 and 5 of each decade when there is room,
 * fewer per decade when there is not. {@link LogAxis} itself spaces ticks evenly in exponent, which labels them
 * 0.631, 3.981, 6,309.573.
 */
final class LatencyAxis extends LogAxis {
  private static final long serialVersionUID = 1L;
  /** Mantissas per decade, densest first; the axis takes the densest that fits. */
  private static final double[][] MANTISSAS = {{1, 2, 5}, {1, 3}, {1}};
  static final double TICK_SPACING_MIN_PX = 22;
  static final int DECADES_MAX = 40;

  private final NumberFormat format = new DecimalFormat("#,##0.####");

  LatencyAxis(String label) {
    super(label);
  }

  @Override
  protected List<NumberTick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
    int ticksMax = Math.max(2, (int) (dataArea.getHeight() / TICK_SPACING_MIN_PX));
    List<NumberTick> ticks = new ArrayList<>();
    for (double value : tickValues(getLowerBound(), getUpperBound(), ticksMax)) {
      ticks.add(new NumberTick(TickType.MAJOR, value, format.format(value), anchor, anchor, 0));
    }
    return ticks;
  }

  /**
   * Round values in [{@code lower}, {@code upper}], at most {@code ticksMax} of them unless even one per decade is
   * more, in which case every n-th decade.
   */
  static List<Double> tickValues(double lower, double upper, int ticksMax) {
    Check.argument(lower > 0 && upper > lower, "log axis range [%s, %s] is not positive and increasing", lower, upper);
    Check.argument(ticksMax >= 1, "at most %d ticks", ticksMax);
    int firstDecade = (int) Math.floor(Math.log10(lower));
    int lastDecade = (int) Math.floor(Math.log10(upper));
    Check.argument(lastDecade - firstDecade <= DECADES_MAX, "log axis [%s, %s] spans more than %d decades", lower,
        upper, DECADES_MAX);
    for (double[] mantissas : MANTISSAS) {
      List<Double> values = values(lower, upper, firstDecade, lastDecade, 1, mantissas);
      if (values.size() <= ticksMax) {
        return values;
      }
    }
    int decadeStep = (int) Math.ceil((lastDecade - firstDecade + 1) / (double) ticksMax);
    return values(lower, upper, firstDecade, lastDecade, decadeStep, new double[] {1});
  }

  private static List<Double> values(double lower, double upper, int firstDecade, int lastDecade, int decadeStep,
      double[] mantissas) {
    List<Double> values = new ArrayList<>();
    for (int decade = firstDecade; decade <= lastDecade; decade += decadeStep) {
      for (double mantissa : mantissas) {
        // Parsed, not multiplied: 2 * 10^-3 in binary prints as 0.0020000000000000005.
        double value = Double.parseDouble(mantissa + "e" + decade);
        if (value >= lower && value <= upper) {
          values.add(value);
        }
      }
    }
    return values;
  }
}
