package io.tutti.bench;

import java.lang.management.ManagementFactory;

/** Where a run happened, for the report: figures from different machines are not comparable. */
public record Machine(int processors, long totalMemoryBytes, String javaVersion, String javaVendor, String os) {
  public static Machine current() {
    long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize() : -1;
    return new Machine(Runtime.getRuntime().availableProcessors(), memory, System.getProperty("java.version"),
        System.getProperty("java.vendor"), System.getProperty("os.name") + " " + System.getProperty("os.version")
            + " " + System.getProperty("os.arch"));
  }
}
