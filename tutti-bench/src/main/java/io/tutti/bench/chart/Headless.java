package io.tutti.bench.chart;

/**
 * Makes AWT headless unless the JVM was told otherwise: the tools and CI have no display, and a developer's
 * {@code DISPLAY} may point at nothing. AWT reads the property once, when the first of its classes with native state
 * ({@code Color}, {@code Font}) loads, so every chart class with AWT constants calls {@link #ensure()} in a static
 * initializer placed before them. This class itself touches nothing of AWT.
 */
public final class Headless {
  private Headless() {}

  public static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
