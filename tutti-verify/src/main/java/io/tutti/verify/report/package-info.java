/**
 * Charts for a {@code tutti verify run} report, drawn with JFreeChart into PNG files, headless.
 *
 * <p>{@link io.tutti.verify.report.LatencyChart} plots one point per client operation ({@link
 * io.tutti.verify.report.LatencyPoint}): time since run start across, latency on a log scale up, colour by outcome (ok
 * blue, fail orange, info red, drawn in that order so the rare ones stay on top). The nemesis's fault windows ({@link
 * io.tutti.verify.report.FaultWindow}) are translucent bands behind the points, each labelled at the top; labels that
 * would overlap are stacked in lanes. What the charts share with the benchmark's (look, bands, PNG writing) lives in
 * {@code io.tutti.bench.chart}.
 *
 * <p>Inputs are plain values and the output is a file: the package reads no clock and knows nothing of histories or
 * nemeses, whose code turns their records into points and windows.
 */
package io.tutti.verify.report;
