package io.tutti.cli;

/**
 * Netty's buffer-leak detector, off in the processes the CLI runs for long: a node ({@code tutti server}, and so
 * {@code tutti dev}'s nodes) and the load generator ({@code tutti bench}).
 *
 * <p>At Netty's default level it tracks one buffer in 128 and records a stack trace for each: 2.6% of a node's CPU
 * while it serves reads, 0.7% during puts, 1.8% of the load generator's (async-profiler; docs/benchmarks.md). It
 * finds leaks in development, where the test suite keeps it at the default: tests start nodes without the CLI.
 * Setting the property yourself ({@code -Dio.netty.leakDetection.level=simple}, or Ratis's relocated copy
 * {@code -Dorg.apache.ratis.thirdparty.io.netty.leakDetection.level=simple}) keeps your level.
 */
final class NettyLeakDetection {
  private NettyLeakDetection() {}

  static void offUnlessSet() {
    if (System.getProperty("io.netty.leakDetection.level") == null
        && System.getProperty("io.netty.leakDetectionLevel") == null) {
      io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }
    if (System.getProperty("org.apache.ratis.thirdparty.io.netty.leakDetection.level") == null
        && System.getProperty("org.apache.ratis.thirdparty.io.netty.leakDetectionLevel") == null) {
      org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.setLevel(
          org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }
  }
}
