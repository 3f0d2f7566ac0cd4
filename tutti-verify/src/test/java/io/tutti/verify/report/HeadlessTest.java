package io.tutti.verify.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LatencyChart} makes AWT headless by itself: a JVM started without {@code -Djava.awt.headless} and with a
 * {@code DISPLAY} that points at no X server still writes its chart. Regression: a {@code Color} constant loaded
 * before the property was set made AWT try the display and throw {@code AWTError}.
 */
class HeadlessTest {
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  @TempDir
  Path dir;

  @Test
  void aChartIsWrittenInAJvmWhoseDisplayPointsAtNothing() throws IOException, InterruptedException {
    Path file = dir.resolve("headless.png");
    Path output = dir.resolve("child-output.txt");
    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WriteChart.class.getName(), file.toString())
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

  /** The child JVM: touches nothing of AWT before {@link LatencyChart}, as the verify tool does. */
  public static final class WriteChart {
    public static void main(String[] args) throws IOException {
      LatencyChart.writePng(Path.of(args[0]), "headless", List.of(new LatencyPoint(1, 2, LatencyPoint.Outcome.OK)),
          List.of(new FaultWindow(0.5, 1.5, "kill n1")), 640, 480);
    }
  }
}
