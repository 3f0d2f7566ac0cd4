/**
 * PNG charts drawn with JFreeChart, headless: what {@code tutti bench} writes next to its summary, and the parts the
 * verification report's charts share with it.
 *
 * <p>{@link io.tutti.bench.chart.Charts} holds the common look, renders a chart to an image (keeping where the data
 * area went, so tests can read pixels at a given time) and writes PNG files. {@link io.tutti.bench.chart.Bands} shades
 * labelled spans of the time axis ({@link io.tutti.bench.chart.Band}: a benchmark's warmup, a nemesis's fault) behind
 * the data, stacking labels that would overlap. {@link io.tutti.bench.chart.ThroughputChart} draws operations per
 * second over a run, a step per second; {@link io.tutti.bench.chart.PercentileChart} draws a latency distribution the
 * way HdrHistogram's plotter does, percentiles on a log scale of 1/(1-p), so that each nine of the tail (90%, 99%,
 * 99.9%, ...) gets as much room as the median.
 *
 * <p>AWT is made headless before any of its classes load ({@link io.tutti.bench.chart.Headless}): the tools and CI
 * have no display, and a {@code DISPLAY} that points at nothing would otherwise fail the first chart.
 *
 * <p>Inputs are plain numbers and the output is a file: nothing here reads a clock or knows what a benchmark or a
 * history is.
 */
package io.tutti.bench.chart;
