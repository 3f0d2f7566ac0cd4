/**
 * The side-by-side comparison of Tutti with etcd and Redis that {@code bench/compare} runs (issue #4).
 *
 * <h2>Input: a results directory</h2>
 * {@code bench/compare} runs {@code tutti bench} once per system and workload and leaves, in one directory:
 * <ul>
 *   <li>{@code <system>-<workload>/summary.json}: each run's figures, as {@link io.tutti.bench.Report} writes them;
 *       the system is {@code tutti}, {@code etcd} or {@code redis}, the workload an id such as {@code put-100};</li>
 *   <li>{@code runs.tsv}: one line per run the script attempted, with a header line: system, workload, exit code
 *       (or {@code not started} when the system never came up), whether the machine was quiet before it, the CPU
 *       idle percentage it saw, seconds waited for quiet, seconds the run took, and the command;</li>
 *   <li>{@code meta.tsv}: {@code key<TAB>value} lines about the whole run (commit, mode, machine, versions of the
 *       peers, settings, wall time);</li>
 *   <li>{@code commands.txt}: every command the script ran, in order.</li>
 * </ul>
 * Only the run directories are required, so the report also works on runs made by hand with the same naming.
 *
 * <h2>What it makes</h2>
 * {@link io.tutti.bench.compare.Comparison} reads the directory into one row per workload with an
 * {@link io.tutti.bench.compare.Outcome} per system: measured, failed (the run was attempted and left no figures)
 * or missing (never attempted). It computes the ratios Tutti/peer for throughput (above 1: Tutti does more) and for
 * p99 latency (below 1: Tutti answers faster), only where both runs were measured.
 * {@link io.tutti.bench.compare.ComparisonReport} turns that into the printed tables, where an absent figure is
 * "—" and a run with errors, a failed exit or a busy machine is flagged, and into the comparison's
 * {@code summary.json}.
 */
package io.tutti.bench.compare;
