/**
 * The load generator behind {@code tutti bench}.
 *
 * <h2>Shape</h2>
 * A {@link io.tutti.bench.Driver} performs one operation against one system ({@code put(key, value)} or
 * {@code get(key)}, returning normally or throwing); {@link io.tutti.bench.TuttiDriver} is the one for Tutti, and
 * drivers for etcd and Redis implement the same interface so that the runner, the key choice and the reporting are
 * shared. {@link io.tutti.bench.BenchRunner} preloads the keys (for workloads that read), starts
 * {@code clients} platform threads each running a {@link io.tutti.bench.Worker}, prints a progress line every second
 * and returns a {@link io.tutti.bench.BenchResult}; {@link io.tutti.bench.Report} turns it into the summary block and
 * {@code summary.json}.
 *
 * <h2>Closed and open loop, and coordinated omission</h2>
 * Closed loop (the default): each worker sends its next request when the previous one returns, and latency is
 * measured from the actual send. Throughput is then an output of the run, and a server stall makes the workers
 * send fewer requests rather than record more slow ones.
 * <p>
 * Open loop ({@code --rate}): an {@link io.tutti.bench.OpenLoopSchedule} fixes every request's intended send time in
 * advance, evenly spaced at the total rate and dealt round-robin to the workers. A worker that falls behind sends at
 * once, and latency is measured from the <em>intended</em> send time, so the time a request waited behind a stall is
 * part of its latency (Gil Tene's "coordinated omission": without this, one 1 s stall shows up as one slow request
 * instead of a second's worth). Requests whose intended time fell inside the measured window but that were still not
 * sent when the window closed are reported as {@code unsent}, not silently dropped.
 *
 * <h2>Time</h2>
 * Workers take a {@link io.tutti.bench.NanoClock}, so their measurements can be tested with a clock the test moves.
 * Warmup requests run exactly as measured ones but are not recorded; a request belongs to the window its intended
 * (open loop) or actual (closed loop) send time falls in.
 *
 * <h2>Keys and values</h2>
 * Keys are {@code k} followed by the zero-padded index (0 .. keys-1), chosen uniformly or by a
 * {@link io.tutti.bench.ZipfianGenerator} (YCSB's, constant 0.99: index 0 is the hottest). Every worker has its own
 * random stream split from {@code --seed}, and the value bytes come from the seed, so a run is repeatable in what
 * it sends, if not in timing.
 */
package io.tutti.bench;
