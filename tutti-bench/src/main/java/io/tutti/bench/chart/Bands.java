package io.tutti.bench.chart;

import io.tutti.core.check.Check;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * {@link Band}s drawn as translucent vertical bands behind the data, each labelled at the top of the plot. Labels of
 * bands that overlap on screen (the bands themselves, or a label wider than its band) go to separate lanes, one text
 * line apart, so that none is drawn over another; the chart leaves headroom above its data for the lanes.
 */
public final class Bands {
  static {
    Headless.ensure(); // before the AWT constants below
  }

  /** Fill of a band: translucent, so the points behind stay visible and overlapping bands read darker. */
  public static final Color FILL = new Color(140, 100, 200, 56);
  public static final Color EDGE = new Color(140, 100, 200, 150);
  /** Grey, never a tint of {@link #FILL}: a label spilling past its band must not look like band. */
  static final Color LABEL_PAINT = new Color(40, 40, 40);
  /** Lets the label be read over points drawn behind it. */
  static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final int LANES_MAX = 8;
  static final int LABEL_CHARS_MAX = 40;
  static final double LABEL_GAP_PX = 10;
  static final double BAND_WIDTH_MIN_PX = 2;
  static final int LABEL_INSET_PX = 3;

  private Bands() {}

  /**
   * Adds one shaded band per {@link Band} to {@code plot}'s domain and returns the headroom, in pixels, that their
   * label lanes need at the top of the data area.
   *
   * @param secondsToPx how many pixels one second of the domain axis will take (an estimate of the data area)
   */
  public static int addTo(XYPlot plot, List<Band> bands, double secondsToPx) {
    Check.argument(secondsToPx > 0, "pixels per second %s must be positive", secondsToPx);
    FontMetrics metrics = fontMetrics();
    int lineHeightPx = metrics.getHeight();
    String[] labels = bands.stream().map(b -> shorten(b.label())).toArray(String[]::new);
    double[] labelWidthsPx = Arrays.stream(labels).mapToDouble(metrics::stringWidth).toArray();
    int[] lanes = lanes(bands, labelWidthsPx, secondsToPx);
    for (int i = 0; i < bands.size(); i++) {
      Band band = bands.get(i);
      double end = Math.max(band.endSeconds(), band.startSeconds() + BAND_WIDTH_MIN_PX / secondsToPx);
      // Translucency lives in the colours, not in Marker.setAlpha, which would fade the label too.
      IntervalMarker marker = new IntervalMarker(band.startSeconds(), end, FILL, new BasicStroke(1f), EDGE,
          new BasicStroke(1f), 1f);
      marker.setLabel(labels[i]);
      marker.setLabelFont(LABEL_FONT);
      marker.setLabelPaint(LABEL_PAINT);
      marker.setLabelBackgroundColor(LABEL_BACKGROUND);
      marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      marker.setLabelOffset(new RectangleInsets(LABEL_INSET_PX + lanes[i] * lineHeightPx, LABEL_INSET_PX, 0, 0));
      plot.addDomainMarker(marker, Layer.BACKGROUND);
    }
    int laneCount = Arrays.stream(lanes).max().orElse(-1) + 1;
    return laneCount == 0 ? 0 : 2 * LABEL_INSET_PX + laneCount * lineHeightPx;
  }

  /**
   * The label lane of each band, by index: in order of start, each label takes the lowest lane whose previous label
   * (or band, if wider) ends at least {@link #LABEL_GAP_PX} before it starts. Past {@link #LANES_MAX} lanes, a label
   * takes the lane that frees up first and may touch its neighbour.
   */
  static int[] lanes(List<Band> bands, double[] labelWidthsPx, double secondsToPx) {
    Check.argument(labelWidthsPx.length == bands.size(), "%d label widths for %d bands",
        labelWidthsPx.length, bands.size());
    int[] lanes = new int[bands.size()];
    double[] laneEndPx = new double[LANES_MAX];
    Arrays.fill(laneEndPx, Double.NEGATIVE_INFINITY);
    int[] byStart = IntStream.range(0, bands.size()).boxed()
        .sorted(Comparator.comparingDouble(i -> bands.get(i).startSeconds()))
        .mapToInt(Integer::intValue).toArray();
    for (int i : byStart) {
      Band band = bands.get(i);
      double startPx = band.startSeconds() * secondsToPx;
      double endPx = Math.max(band.endSeconds() * secondsToPx, startPx + LABEL_INSET_PX + labelWidthsPx[i]);
      int lane = 0;
      while (lane < LANES_MAX && laneEndPx[lane] + LABEL_GAP_PX > startPx) {
        lane++;
      }
      if (lane == LANES_MAX) {
        lane = IntStream.range(0, LANES_MAX).boxed().min(Comparator.comparingDouble(l -> laneEndPx[l])).orElseThrow();
      }
      lanes[i] = lane;
      laneEndPx[lane] = endPx;
    }
    return lanes;
  }

  private static String shorten(String label) {
    return label.length() <= LABEL_CHARS_MAX ? label : label.substring(0, LABEL_CHARS_MAX - 1) + "…";
  }

  private static FontMetrics fontMetrics() {
    Graphics2D g2 = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return g2.getFontMetrics(LABEL_FONT);
    } finally {
      g2.dispose();
    }
  }
}
