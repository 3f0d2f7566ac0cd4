package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyLeakDetectionTest {
  private static final String LEVEL = "io.netty.leakDetection.level";
  private static final String RATIS_LEVEL = "org.apache.ratis.thirdparty.io.netty.leakDetection.level";
  private final Level before = ResourceLeakDetector.getLevel();
  private final Level ratisBefore = ratisLevel();

  @AfterEach
  void restore() {
    System.clearProperty(LEVEL);
    System.clearProperty(RATIS_LEVEL);
    setLevels(before, ratisBefore);
  }

  @Test
  void turnsBothNettyCopiesOffWhenNobodyChoseALevel() {
    setLevels(Level.SIMPLE, Level.SIMPLE);

    NettyLeakDetection.offUnlessSet();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.DISABLED);
    assertThat(ratisLevel()).isEqualTo(Level.DISABLED);
  }

  @Test
  void keepsALevelSetOnTheCommandLine() {
    System.setProperty(LEVEL, "paranoid");
    System.setProperty(RATIS_LEVEL, "advanced");
    setLevels(Level.PARANOID, Level.ADVANCED);

    NettyLeakDetection.offUnlessSet();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.PARANOID);
    assertThat(ratisLevel()).isEqualTo(Level.ADVANCED);
  }

  /** Sets the level of Netty's detector and of Ratis's relocated copy (whose Level enum has the same names). */
  private static void setLevels(Level netty, Level ratis) {
    ResourceLeakDetector.setLevel(netty);
    org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.setLevel(
        org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.Level.valueOf(ratis.name()));
  }

  private static Level ratisLevel() {
    return Level.valueOf(org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.getLevel().name());
  }
}
