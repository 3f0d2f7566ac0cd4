package io.tutti.verify.report;

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
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/** What the report charts share: one look, rendering to an image and writing it as PNG. */
final class Charts {
  static final int SIZE_MIN_PX = 200;
  static final int SIZE_MAX_PX = 8_000;
  static final Color BACKGROUND = Color.WHITE;
  static final Color GRIDLINE = new Color(225, 225, 225);
  static final Font AXIS_LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 14);
  /**
   * Estimates of the room that axes, title and legend take around the data area. The real data area is known only
   * after drawing; these place fault labels and the headroom for them, where a few pixels off does not matter.
   */
  static final int AROUND_DATA_WIDTH_PX = 90;
  static final int AROUND_DATA_HEIGHT_PX = 120;
  static final int DATA_SIZE_MIN_PX = 100;

  private Charts() {}

  static void checkSize(int widthPx, int heightPx) {
    Check.argument(widthPx >= SIZE_MIN_PX && widthPx <= SIZE_MAX_PX && heightPx >= SIZE_MIN_PX
            && heightPx <= SIZE_MAX_PX, "chart size %dx%d px is outside %d..%d px", widthPx, heightPx, SIZE_MIN_PX,
        SIZE_MAX_PX);
  }

  /** Pixels one second of the domain will take, estimated from the image width; see {@link #AROUND_DATA_WIDTH_PX}. */
  static double secondsToPx(int widthPx, double domainLowerSeconds, double domainUpperSeconds) {
    return Math.max(DATA_SIZE_MIN_PX, widthPx - AROUND_DATA_WIDTH_PX) / (domainUpperSeconds - domainLowerSeconds);
  }

  static double dataHeightPx(int heightPx) {
    return Math.max(DATA_SIZE_MIN_PX, heightPx - AROUND_DATA_HEIGHT_PX);
  }

  static void style(XYPlot plot, String noDataMessage) {
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

  static RenderedChart render(JFreeChart chart, int widthPx, int heightPx) {
    chart.setBackgroundPaint(BACKGROUND);
    chart.setTextAntiAlias(true);
    // No entity collection: it would hold one object per point, for tooltips that a PNG cannot show.
    ChartRenderingInfo info = new ChartRenderingInfo(null);
    BufferedImage image = chart.createBufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB, info);
    Rectangle2D dataArea = (Rectangle2D) info.getPlotInfo().getDataArea().clone();
    return new RenderedChart(image, dataArea, chart.getXYPlot().getDomainAxis());
  }

  static void writePng(Path file, BufferedImage image) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("this JDK has no PNG image writer; cannot write " + file);
      }
    }
  }

  /** A drawn chart, with where its data went: tests map seconds to pixel columns with it. */
  record RenderedChart(BufferedImage image, Rectangle2D dataArea, ValueAxis domainAxis) {
    int xPx(double seconds) {
      return (int) Math.round(domainAxis.valueToJava2D(seconds, dataArea, RectangleEdge.BOTTOM));
    }
  }
}
