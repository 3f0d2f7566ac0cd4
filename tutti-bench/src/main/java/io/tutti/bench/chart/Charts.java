package io.tutti.bench.chart;

import io.tutti.core.check.Check;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * What the charts of the benchmark and verification reports share: one look, rendering to an image and writing it as
 * PNG, and a rendered chart that tests can read pixels of.
 */
public final class Charts {
  static {
    Headless.ensure(); // before the AWT constants below
  }

  public static final int SIZE_MIN_PX = 200;
  public static final int SIZE_MAX_PX = 8_000;
  /** At most this fraction of the data area's height is kept free above the data for band labels. */
  public static final double HEADROOM_FRACTION_MAX = 0.4;
  /** The colour of a chart's one data line. */
  public static final Color LINE_PAINT = new Color(31, 119, 180);
  static final Color BACKGROUND = Color.WHITE;
  static final Color GRIDLINE = new Color(225, 225, 225);
  static final Font AXIS_LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  public static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 14);
  /**
   * Estimates of the room that axes, title and legend take around the data area. The real data area is known only
   * after drawing; these place band labels and the headroom for them, where a few pixels off does not matter.
   */
  static final int AROUND_DATA_WIDTH_PX = 90;
  static final int AROUND_DATA_HEIGHT_PX = 120;
  static final int DATA_SIZE_MIN_PX = 100;

  private Charts() {}

  public static void checkSize(int widthPx, int heightPx) {
    Check.argument(widthPx >= SIZE_MIN_PX && widthPx <= SIZE_MAX_PX && heightPx >= SIZE_MIN_PX
            && heightPx <= SIZE_MAX_PX, "chart size %dx%d px is outside %d..%d px", widthPx, heightPx, SIZE_MIN_PX,
        SIZE_MAX_PX);
  }

  /** Pixels one second of the domain will take, estimated from the image width; see {@link #AROUND_DATA_WIDTH_PX}. */
  public static double secondsToPx(int widthPx, double domainLowerSeconds, double domainUpperSeconds) {
    return Math.max(DATA_SIZE_MIN_PX, widthPx - AROUND_DATA_WIDTH_PX) / (domainUpperSeconds - domainLowerSeconds);
  }

  public static double dataHeightPx(int heightPx) {
    return Math.max(DATA_SIZE_MIN_PX, heightPx - AROUND_DATA_HEIGHT_PX);
  }

  public static void style(XYPlot plot, String noDataMessage) {
    plot.setBackgroundPaint(BACKGROUND);
    plot.setDomainGridlinePaint(GRIDLINE);
    plot.setRangeGridlinePaint(GRIDLINE);
    plot.setOutlinePaint(Color.GRAY);
    plot.setNoDataMessage(noDataMessage);
    plot.setNoDataMessageFont(NOTE_FONT);
    plot.setNoDataMessagePaint(Color.DARK_GRAY);
    plot.getDomainAxis().setLabelFont(AXIS_LABEL_FONT);
    plot.getRangeAxis().setLabelFont(AXIS_LABEL_FONT);
  }

  /** A line under the title in the note font; nothing when {@code subtitle} is null. */
  static void addSubtitle(JFreeChart chart, String subtitle) {
    if (subtitle != null) {
      chart.addSubtitle(new TextTitle(subtitle, NOTE_FONT.deriveFont(12f)));
    }
  }

  public static RenderedChart render(JFreeChart chart, int widthPx, int heightPx) {
    chart.setBackgroundPaint(BACKGROUND);
    chart.setTextAntiAlias(true);
    // No entity collection: it would hold one object per point, for tooltips that a PNG cannot show.
    ChartRenderingInfo info = new ChartRenderingInfo(null);
    BufferedImage image = chart.createBufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB, info);
    Rectangle2D dataArea = (Rectangle2D) info.getPlotInfo().getDataArea().clone();
    return new RenderedChart(image, dataArea, chart.getXYPlot().getDomainAxis());
  }

  public static void writePng(Path file, BufferedImage image) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("this JDK has no PNG image writer; cannot write " + file);
      }
    }
  }

  /** What a translucent colour looks like drawn over the white background, as an opaque colour. */
  public static Color overWhite(Color translucent) {
    double alpha = translucent.getAlpha() / 255.0;
    return new Color(channelOverWhite(translucent.getRed(), alpha), channelOverWhite(translucent.getGreen(), alpha),
        channelOverWhite(translucent.getBlue(), alpha));
  }

  private static int channelOverWhite(int channel, double alpha) {
    return (int) Math.round(channel * alpha + 255 * (1 - alpha));
  }

  /** A drawn chart, with where its data went: tests map domain values to pixel columns and count pixels with it. */
  public record RenderedChart(BufferedImage image, Rectangle2D dataArea, ValueAxis domainAxis) {
    /** The pixel column of {@code value} on the domain axis (seconds, on a time axis). */
    public int xPx(double value) {
      return (int) Math.round(domainAxis.valueToJava2D(value, dataArea, RectangleEdge.BOTTOM));
    }

    /** Pixels of the data area, in columns that {@code column} accepts, whose colour {@code pixel} accepts. */
    public int countInPlot(IntPredicate column, Predicate<Color> pixel) {
      int count = 0;
      for (int y = (int) Math.ceil(dataArea.getMinY()); y < (int) Math.floor(dataArea.getMaxY()); y++) {
        for (int x = (int) Math.ceil(dataArea.getMinX()); x < (int) Math.floor(dataArea.getMaxX()); x++) {
          if (column.test(x) && pixel.test(new Color(image.getRGB(x, y)))) {
            count++;
          }
        }
      }
      return count;
    }

    /** Pixels within 3 per channel of {@code colour} in the data area, in columns that {@code column} accepts. */
    public int countInPlot(IntPredicate column, Color colour) {
      return countInPlot(column, pixel -> Math.abs(pixel.getRed() - colour.getRed()) <= 3
          && Math.abs(pixel.getGreen() - colour.getGreen()) <= 3 && Math.abs(pixel.getBlue() - colour.getBlue()) <= 3);
    }
  }
}
