package io.tutti.verify.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.bench.chart.Band;
import io.tutti.bench.chart.PercentileChart;
import io.tutti.bench.chart.ThroughputChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every chart makes AWT headless by itself: a JVM started without {@code -Djava.awt.headless} and with a
 * {@code DISPLAY} that points at no X server still writes it, whichever chart is the first to touch AWT: verify's
 * {@link LatencyChart}, or the benchmark's percentile and throughput charts (io.tutti.bench.chart, which this module
 * depends on). Regression: a {@code Color} constant loaded before the property was set made AWT try the display and
 * throw {@code AWTError}.
 */
class HeadlessTest {
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"latency", "percentile", "throughput"})
  void aChartIsWrittenInAJvmWhoseDisplayPointsAtNothing(String chart) throws IOException, InterruptedException {
    Path file = dir.resolve(chart + ".png");
    Path output = dir.resolve("child-output.txt");
    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WriteChart.class.getName(), chart, file.toString())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    child.environment().put("DISPLAY", ":99");

    Process process = child.start();
    boolean exited = process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }

    assertThat(exited).as("child JVM exited within %d s", CHILD_TIMEOUT_SECONDS).isTrue();
    assertThat(process.exitValue()).as("child JVM exit code; its output:%n%s", Files.readString(output)).isZero();
    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(640);
  }

  /** The child JVM: touches nothing of AWT before the chart named by {@code args[0]}, as the tools do. */
  public static final class WriteChart {
    public static void main(String[] args) throws IOException {
      Path file = Path.of(args[1]);
      switch (args[0]) {
        case "latency" -> LatencyChart.writePng(file, "headless",
            List.of(new LatencyPoint(1, 2, LatencyPoint.Outcome.OK)), List.of(new FaultWindow(0.5, 1.5, "kill n1")),
            640, 480);
        case "percentile" -> PercentileChart.writePng(file, "headless", null, new double[] {0, 50, 99},
            new double[] {1, 2, 3}, 640, 480);
        case "throughput" -> ThroughputChart.writePng(file, "headless", null, new double[] {0, 1},
            new double[] {5, 6}, List.of(new Band(0, 1, "warmup")), 640, 480);
        default -> throw new IllegalArgumentException("no chart named " + args[0]);
      }
    }
  }
}
