package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyLeakDetectionTest {
  private static final String LEVEL = "io.netty.leakDetection.level";
  private static final String RATIS_LEVEL = "org.apache.ratis.thirdparty.io.netty.leakDetection.level";
  private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
  private final org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.Level ratisBefore =
      org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.getLevel();

  @AfterEach
  void restore() {
    System.clearProperty(LEVEL);
    System.clearProperty(RATIS_LEVEL);
    ResourceLeakDetector.setLevel(before);
    org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.setLevel(ratisBefore);
  }

  @Test
  void turnsBothNettyCopiesOffWhenNobodyChoseALevel() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.setLevel(
        org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.Level.SIMPLE);

    NettyLeakDetection.offUnlessSet();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    assertThat(org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.getLevel())
        .isEqualTo(org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.Level.DISABLED);
  }

  @Test
  void keepsALevelSetOnTheCommandLine() {
    System.setProperty(LEVEL, "paranoid");
    System.setProperty(RATIS_LEVEL, "advanced");
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.setLevel(
        org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.Level.ADVANCED);

    NettyLeakDetection.offUnlessSet();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    assertThat(org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.getLevel())
        .isEqualTo(org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.Level.ADVANCED);
  }
}
