/**
 * The load generator behind {@code tutti bench}.
 *
 * <h2>Shape</h2>
 * A {@link io.tutti.bench.Driver} performs one operation against one system ({@code put(client, key, value)} or
 * {@code get(client, key)}, returning normally or throwing). There is one per {@link io.tutti.bench.Target}:
 * {@link io.tutti.bench.TuttiDriver} (the Tutti Java client), {@link io.tutti.bench.EtcdDriver} (jetcd) and
 * {@link io.tutti.bench.RedisDriver} (Lettuce), so that the runner, the keys, the values, the key choice and the
 * reporting are the same for every system. {@link io.tutti.bench.BenchRunner} preloads the keys (for workloads that
 * read), starts one platform thread per {@link io.tutti.bench.Worker}, prints a progress line every second and returns
 * a {@link io.tutti.bench.BenchResult}; {@link io.tutti.bench.Report} turns it into the summary block and
 * {@code summary.json}, and {@link io.tutti.bench.BenchCharts} into {@code latency-percentiles.png} and
 * {@code throughput.png} (drawn by {@code io.tutti.bench.chart}).
 *
 * <h2>Clients, connections and inflight</h2>
 * {@code --clients N} is the number of client connections: etcd gets N jetcd clients (each its own gRPC channel),
 * Redis N Lettuce connections; Tutti's one Java client is shared by all N (it is thread-safe and routes each
 * request itself over the connections it keeps to the nodes). {@code --inflight K} gives each client K workers, each a thread with one request
 * outstanding, so K requests of a client are in flight at once on its connection (multiplexed by HTTP/2 for gRPC,
 * pipelined by Lettuce for Redis) and N×K in all. Worker w sends through client w / K. A blocked thread per
 * outstanding request is the simplest design that is plainly correct: each latency is one call's, measured by the
 * thread that made it, with no callback scheduling in between.
 *
 * <h2>Consistency</h2>
 * {@link io.tutti.bench.Consistency} lists the read levels and the targets that offer each: linearizable everywhere
 * (the default), serializable for etcd. A level a target does not offer is refused before anything connects. Redis has
 * one node, so linearizable is its only level. A get that finds no value for a preloaded key is a
 * {@link io.tutti.bench.MissingKeyException}, counted as {@code NOT_FOUND} for every target.
 *
 * <h2>Closed and open loop, and coordinated omission</h2>
 * Closed loop (the default): each worker sends its next request when the previous one returns, and latency is
 * measured from the actual send. Throughput is then an output of the run, and a server stall makes the workers
 * send fewer requests rather than record more slow ones.
 * <p>
 * Open loop ({@code --rate}): an {@link io.tutti.bench.OpenLoopSchedule} fixes every request's intended send time in
 * advance, evenly spaced at the total rate and dealt round-robin to all N×K workers. A worker that falls behind sends at
 * once, and latency is measured from the <em>intended</em> send time, so the time a request waited behind a stall is
 * part of its latency (Gil Tene's "coordinated omission": without this, one 1 s stall shows up as one slow request
 * instead of a second's worth). Requests whose intended time fell inside the measured window but that were still not
 * sent when the window closed are reported as {@code unsent}, not silently dropped.
 *
 * <h2>Time</h2>
 * Workers take a {@link io.tutti.bench.NanoClock}, so their measurements can be tested with a clock the test moves.
 * Warmup requests run exactly as measured ones but are not recorded; a request belongs to the window its intended
 * (open loop) or actual (closed loop) send time falls in. Separately, every successful request of the run, warmup
 * included, is counted in the second it completed in: that series is the throughput chart, and its sum is the number
 * of successful requests.
 *
 * <h2>Keys and values</h2>
 * Keys are {@code k} followed by the zero-padded index (0 .. keys-1), chosen uniformly or by a
 * {@link io.tutti.bench.ZipfianGenerator} (YCSB's, constant 0.99: index 0 is the hottest). Every worker has its own
 * random stream split from {@code --seed}, and the value bytes come from the seed, so a run is repeatable in what
 * it sends, if not in timing.
 */
package io.tutti.bench;
