package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.bench.Consistency;
import io.tutti.bench.Target;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code tutti bench} refuses bad options with one line and exit code 2, before it connects to anything; its defaults
 * depend on the target; its help names every option.
 */
class BenchCommandTest {
  record Outcome(int exitCode, String err) {}

  private static Outcome run(String... args) {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exitCode = TuttiMain.run(args);
      return new Outcome(exitCode, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(originalErr);
    }
  }

  private static void assertUsageError(String expected, String... args) {
    Outcome outcome = run(args);
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.err().lines().toList()).as(outcome.err()).hasSize(1);
    assertThat(outcome.err()).startsWith("tutti bench: ").contains(expected);
  }

  @Test
  void badOptionsGiveOneLineAndExitCodeTwo() {
    // Nothing listens on port 1: a command that got past validation would fail differently.
    assertUsageError("--clients must be 1..1024, got 0", "bench", "--endpoints", "127.0.0.1:1", "--clients", "0");
    assertUsageError("--keys", "bench", "--endpoints", "127.0.0.1:1", "--keys", "100000001");
    assertUsageError("--value-size", "bench", "--endpoints", "127.0.0.1:1", "--value-size", "2000000");
    assertUsageError("--workload must be put, get or mixed:READ_PCT", "bench", "--workload", "mixed:x");
    assertUsageError("--distribution", "bench", "--distribution", "pareto");
    assertUsageError("--duration", "bench", "--duration", "0");
    assertUsageError("--duration", "bench", "--duration", "3601");
    assertUsageError("--warmup", "bench", "--warmup", "-1");
    assertUsageError("--rate must be at least 1", "bench", "--rate", "0");
    assertUsageError("'abc' is not an int", "bench", "--clients", "abc");
    assertUsageError("Unknown options: '--colour'", "bench", "--colour", "red");
  }

  @Test
  void badTargetConsistencyInflightAndEndpointsGiveOneLineAndExitCodeTwo() {
    assertUsageError("--target must be tutti, etcd or redis, got 'mysql'", "bench", "--target", "mysql");
    assertUsageError("--consistency serializable is not offered by redis (one node); it offers linearizable",
        "bench", "--target", "redis", "--endpoints", "127.0.0.1:1", "--consistency", "serializable");
    assertUsageError("--consistency serializable is not offered by tutti", "bench", "--endpoints", "127.0.0.1:1",
        "--consistency", "serializable");
    assertUsageError("--consistency eventual is not offered by etcd; it offers linearizable, serializable", "bench",
        "--target", "etcd", "--endpoints", "127.0.0.1:1", "--consistency", "eventual");
    assertUsageError("--consistency must be one of linearizable, session, bounded;ms=N, eventual for tutti, got "
        + "'newest'", "bench", "--endpoints", "127.0.0.1:1", "--consistency", "newest");
    assertUsageError("bounded staleness (bounded;ms=N) must be 1..3600000 ms, got 0", "bench", "--endpoints",
        "127.0.0.1:1", "--consistency", "bounded;ms=0");
    assertUsageError("--inflight must be 1..256, got 0", "bench", "--endpoints", "127.0.0.1:1", "--inflight", "0");
    assertUsageError("--inflight must be 1..256, got 257", "bench", "--endpoints", "127.0.0.1:1", "--inflight",
        "257");
    assertUsageError("--clients × --inflight must be at most 4096", "bench", "--endpoints", "127.0.0.1:1",
        "--clients", "1024", "--inflight", "8");
    assertUsageError("--endpoints for redis must be exactly one HOST:PORT (one server), got 2", "bench", "--target",
        "redis", "--endpoints", "127.0.0.1:1,127.0.0.1:2");
    assertUsageError("--endpoints: 'nowhere' is not HOST:PORT", "bench", "--target", "etcd", "--endpoints",
        "nowhere");
    assertUsageError("--keyspace is Tutti's; redis has none", "bench", "--target", "redis", "--endpoints",
        "127.0.0.1:1", "--keyspace", "orders");
  }

  @Test
  void etcdAndRedisDefaultToTheirOwnLocalPorts() {
    BenchCommand etcd = parse("--target", "etcd");
    assertThat(etcd.endpoints(Target.ETCD)).containsExactly("127.0.0.1:2379");
    BenchCommand redis = parse("--target", "redis");
    assertThat(redis.endpoints(Target.REDIS)).containsExactly("127.0.0.1:6379");
    BenchCommand given = parse("--target", "etcd", "--endpoints", "http://10.0.0.1:2379,10.0.0.2:2379");
    assertThat(given.endpoints(Target.ETCD)).containsExactly("http://10.0.0.1:2379", "10.0.0.2:2379");
    assertThat(parse("--target", "etcd", "--inflight", "8").options().inflight()).isEqualTo(8);
    assertThat(parse("--target", "etcd", "--consistency", "serializable").options().consistency())
        .isEqualTo(Consistency.SERIALIZABLE);
  }

  @Test
  void helpDocumentsEveryOption() {
    StringWriter help = new StringWriter();
    new CommandLine(new TuttiMain()).getSubcommands().get("bench")
        .usage(new PrintWriter(help));
    assertThat(help.toString()).contains("--target=tutti|etcd|redis", "--inflight=K", "--consistency=LEVEL",
        "--endpoints=HOST:PORT,...", "etcd: client URLs or", "latency-percentiles.png", "throughput.png");
  }

  /** The command as picocli fills it from {@code args}, without running it. */
  private static BenchCommand parse(String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "bench";
    System.arraycopy(args, 0, line, 1, args.length);
    return (BenchCommand) new CommandLine(new TuttiMain()).parseArgs(line).subcommand().commandSpec()
        .userObject();
  }
}
