package io.tutti.verify.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on a real topology: a hub and three node namespaces, with a {@link NetProbe} JVM in each (the test JVM
 * cannot move into the hub, so the hub probe plays the harness's clients). Needs root; CI runs as root.
 */
class NamespaceNetworkTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  /** Long enough for a connect on an intact link inside one machine, short enough to keep the test quick. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
  /** How long a cut link is watched for data that must not arrive. */
  private static final Duration SILENCE = Duration.ofMillis(2000);
  /** After heal, TCP resends on its (backed-off) retransmission timer: a few seconds after a short cut. */
  private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(30);

  private static Hub hub;
  private static NamespaceNetwork network;
  private static Probe clients;
  private static final List<Probe> NODES = new ArrayList<>();

  @BeforeAll
  static void buildTopology() throws Exception {
    assumeThat(NamespaceNetwork.supported()).as("needs root and ip netns; CI runs as root").isTrue();
    RunId run = nextRun();
    hub = NamespaceNetwork.createHub(run);
    network = NamespaceNetwork.insideHub(run, 3);
    clients = Probe.start("hub", hub.wrap(Probe.javaCommand()));
    for (int node = 1; node <= 3; node++) {
      NODES.add(Probe.start("node" + node, network.wrap(node, Probe.javaCommand())));
    }
    clients.awaitReady();
    for (int node = 1; node <= 3; node++) {
      node(node).awaitReady();
      node(node).listen(network.address(node));
    }
  }

  @AfterEach
  void healAfterEachTest() {
    if (network != null) {
      network.heal();
    }
  }

  @AfterAll
  static void removeTopology() {
    List<AutoCloseable> created = new ArrayList<>(NODES);
    created.add(clients);
    created.add(network);
    created.add(hub); // last: destroys whatever is left of the run, killing processes inside
    RuntimeException failure = null;
    for (AutoCloseable piece : created) {
      try {
        if (piece != null) {
          piece.close();
        }
      } catch (Exception e) {
        failure = failure == null ? new IllegalStateException("cleanup failed", e) : failure;
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (hub != null) {
      assertThat(NamespaceNetwork.namespaces()).noneMatch(name -> name.startsWith(hub.run().namespacePrefix()));
    }
  }

  @Test
  void everyNodeReachesEveryOtherAndTheHubReachesEveryNode() throws Exception {
    assertThat(connect(1, "reach-1-2", 2)).isEqualTo("connected");
    assertThat(connect(1, "reach-1-3", 3)).isEqualTo("connected");
    assertThat(connect(3, "reach-3-1", 1)).isEqualTo("connected");
    for (int node = 1; node <= 3; node++) {
      assertThat(clients.connect("reach-hub-" + node, network.address(node), CONNECT_TIMEOUT)).isEqualTo("connected");
    }
    assertThat(network.describe()).isEqualTo("{1,2,3}");
  }

  @Test
  void cutLinkTimesOutNewConnectionsBothWaysWhileOtherLinksAndClientsWork() throws Exception {
    network.cut(1, 2);

    assertThat(network.describe()).isEqualTo("cut 1-2");
    assertThat(connect(1, "cut-1-2", 2)).as("silently dropped, not refused").isEqualTo("SocketTimeoutException");
    assertThat(connect(2, "cut-2-1", 1)).isEqualTo("SocketTimeoutException");
    assertThat(connect(1, "cut-1-3", 3)).isEqualTo("connected");
    assertThat(clients.connect("cut-hub-2", network.address(2), CONNECT_TIMEOUT)).isEqualTo("connected");
    assertThat(hubBlackholeRules()).hasSize(2);

    network.heal();

    assertThat(connect(1, "healed-1-2", 2)).isEqualTo("connected");
    assertThat(hubBlackholeRules()).isEmpty();
  }

  @Test
  void establishedConnectionStopsDeliveringDuringACutAndDeliversAfterHeal() throws Exception {
    assertThat(connect(1, "established", 2)).isEqualTo("connected");
    node(1).sendOn("established", "before-cut");
    assertThat(node(2).awaitReceived("before-cut", RESUME_TIMEOUT)).isPresent();

    network.cut(1, 2);
    node(1).sendOn("established", "during-cut");

    assertThat(node(2).awaitReceived("during-cut", SILENCE)).as("delivered across a cut").isEmpty();
    network.heal();
    long healedNs = System.nanoTime();
    Optional<String> delivered = node(2).awaitReceived("during-cut", RESUME_TIMEOUT);
    assertThat(delivered).as("retransmitted after heal").isPresent();
    System.out.printf("established connection delivered %d ms after heal%n",
        Duration.ofNanos(System.nanoTime() - healedNs).toMillis());
  }

  @Test
  void partitionSeparatesComponentsAndHealRestoresEveryLink() throws Exception {
    network.partition(List.of(Set.of(1, 2), Set.of(3)));

    assertThat(network.describe()).isEqualTo("{1,2} | {3}");
    assertThat(connect(1, "part-1-2", 2)).isEqualTo("connected");
    assertThat(connect(1, "part-1-3", 3)).isEqualTo("SocketTimeoutException");
    assertThat(connect(3, "part-3-2", 2)).isEqualTo("SocketTimeoutException");
    assertThat(clients.connect("part-hub-3", network.address(3), CONNECT_TIMEOUT)).isEqualTo("connected");
    assertThat(hubBlackholeRules()).hasSize(4);

    network.partition(List.of(Set.of(1), Set.of(2, 3)));

    assertThat(network.describe()).isEqualTo("{1} | {2,3}");
    assertThat(connect(3, "repart-3-2", 2)).isEqualTo("connected");
    assertThat(connect(1, "repart-1-2", 2)).isEqualTo("SocketTimeoutException");

    network.heal();

    assertThat(network.describe()).isEqualTo("{1,2,3}");
    assertThat(connect(1, "after-1-3", 3)).isEqualTo("connected");
    assertThat(connect(2, "after-2-1", 1)).isEqualTo("connected");
    assertThat(hubBlackholeRules()).isEmpty();
  }

  @Test
  void wrappedCommandIsTheProcessItselfInTheNodeNamespace() throws Exception {
    Process process = new ProcessBuilder(network.wrap(2, List.of("sleep", "60"))).start();
    try {
      assertThat(awaitComm(process.pid(), "sleep")).as("ip netns exec execs, so the PID is the command's").isTrue();
      assertThat(Commands.ip("netns", "identify", Long.toString(process.pid())).strip())
          .isEqualTo(hub.run().nodeNamespace(2));
      assertThat(run("sh", "-c", "kill -STOP " + process.pid())).isZero();
      assertThat(awaitState(process.pid(), 'T')).as("SIGSTOP stops the command").isTrue();

      process.destroyForcibly();

      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void closeRemovesNodesRulesAndStragglersAndHubCloseRemovesTheRest() throws Exception {
    RunId run = nextRun();
    Hub otherHub = NamespaceNetwork.createHub(run);
    Process straggler = null;
    try {
      NamespaceNetwork other = NamespaceNetwork.insideHub(run, 2);
      assertThat(NamespaceNetwork.namespaces()).contains(run.hubNamespace(), run.nodeNamespace(1),
          run.nodeNamespace(2));
      other.cut(1, 2);
      straggler = new ProcessBuilder(other.wrap(1, List.of("sleep", "60"))).start();
      assertThat(awaitComm(straggler.pid(), "sleep")).isTrue();
      assertThat(run("sh", "-c", "kill -STOP " + straggler.pid())).isZero();

      other.close();

      assertThat(straggler.waitFor(10, TimeUnit.SECONDS)).as("a stopped node left behind is killed").isTrue();
      assertThat(NamespaceNetwork.namespaces()).contains(run.hubNamespace())
          .doesNotContain(run.nodeNamespace(1), run.nodeNamespace(2));
      assertThat(Commands.ip("-n", run.hubNamespace(), "rule", "list")).doesNotContain("blackhole");
      assertThat(Commands.ip("-n", run.hubNamespace(), "-o", "link", "list")).doesNotContain("n1@", "n2@");
      other.close();
      other.heal();

      otherHub.close();

      assertThat(NamespaceNetwork.namespaces()).noneMatch(name -> name.startsWith(run.namespacePrefix()));
      otherHub.close();
      NamespaceNetwork.destroy(run);
    } finally {
      if (straggler != null) {
        straggler.destroyForcibly();
      }
      otherHub.close();
    }
  }

  @Test
  void cleanLeftoversRemovesNamespacesOfDeadOrchestratorsOnly() throws Exception {
    Process orchestrator = new ProcessBuilder("true").start();
    assertThat(orchestrator.waitFor(10, TimeUnit.SECONDS)).isTrue();
    RunId dead = new RunId(orchestrator.pid(), 0);
    Hub deadHub = NamespaceNetwork.createHub(dead);
    NamespaceNetwork deadNetwork = NamespaceNetwork.insideHub(dead, 2);
    deadNetwork.cut(1, 2); // as a run killed mid-partition leaves it
    try {
      List<String> removed = NamespaceNetwork.cleanLeftovers();

      assertThat(removed).contains(dead.hubNamespace(), dead.nodeNamespace(1), dead.nodeNamespace(2))
          .doesNotContain(hub.namespace(), hub.run().nodeNamespace(1));
      assertThat(NamespaceNetwork.namespaces()).contains(hub.namespace())
          .noneMatch(name -> name.startsWith(dead.namespacePrefix()));
    } finally {
      deadNetwork.close(); // everything is gone already: must not throw
      deadHub.close();
    }
  }

  @Test
  void ctrlCOnTheOrchestratorLeavesNothingBehind() throws Exception {
    Process holder = startHolder("orchestrator", List.of(), Map.of());
    RunId run = new RunId(holder.pid(), 0);
    long node = -1;
    try {
      node = awaitHolderReady(holder);
      assertThat(NamespaceNetwork.namespaces()).filteredOn(name -> name.startsWith(run.namespacePrefix())).hasSize(3);

      interrupt(holder);

      assertThat(NamespaceNetwork.namespaces()).noneMatch(name -> name.startsWith(run.namespacePrefix()));
      assertThat(isAlive(node)).as("the stopped-node stand-in is killed").isFalse();
    } finally {
      stop(holder, node);
      NamespaceNetwork.destroy(run); // only does something if the hooks failed
    }
  }

  @Test
  void ctrlCOnTheHarnessInTheHubRemovesItsNodesAndLeavesTheHubToTheOrchestrator() throws Exception {
    RunId run = nextRun();
    long node = -1;
    try (Hub ownHub = NamespaceNetwork.createHub(run)) {
      Process harness = startHolder("harness", ownHub.wrap(List.of()), ownHub.environment());
      try {
        node = awaitHolderReady(harness);
        assertThat(Commands.ip("netns", "identify", Long.toString(harness.pid())).strip())
            .as("Hub.wrap execs the harness in the hub").isEqualTo(ownHub.namespace());

        interrupt(harness);

        assertThat(NamespaceNetwork.namespaces()).contains(ownHub.namespace())
            .doesNotContain(run.nodeNamespace(1), run.nodeNamespace(2));
        assertThat(isAlive(node)).isFalse();
      } finally {
        stop(harness, node);
      }
    }
    assertThat(NamespaceNetwork.namespaces()).noneMatch(name -> name.startsWith(run.namespacePrefix()));
  }

  @Test
  void orchestratorRemovesNodesAndProcessesOfAKilledHarness() throws Exception {
    RunId run = nextRun();
    long node = -1;
    try (Hub ownHub = NamespaceNetwork.createHub(run)) {
      Process harness = startHolder("harness", ownHub.wrap(List.of()), ownHub.environment());
      try {
        node = awaitHolderReady(harness);
        harness.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(harness.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(NamespaceNetwork.namespaces()).contains(run.nodeNamespace(1), run.nodeNamespace(2));
        assertThat(isAlive(node)).isTrue();

        ownHub.close();

        assertThat(NamespaceNetwork.namespaces()).noneMatch(name -> name.startsWith(run.namespacePrefix()));
        assertThat(isAlive(node)).as("the orchestrator finds and kills the harness's leftover node").isFalse();
      } finally {
        stop(harness, node);
      }
    }
  }

  @Test
  void choosingAHubThisProcessIsNotInIsRefused() {
    assertThatThrownBy(() -> Network.choose(Map.of(Network.HUB_ENVIRONMENT_VARIABLE, hub.namespace()), 3))
        .hasMessageContaining("must run in namespace " + hub.namespace());
    assertThatThrownBy(() -> Network.choose(Map.of(Network.HUB_ENVIRONMENT_VARIABLE, "eth0"), 3))
        .hasMessageContaining("does not name a hub namespace");
  }

  /** Starts {@link HoldNetworkMain} in {@code mode}, the java command prefixed by {@code prefix}. */
  private static Process startHolder(String mode, List<String> prefix, Map<String, String> environment)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
        System.getProperty("java.class.path"), HoldNetworkMain.class.getName(), mode));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** The PID of the holder's node process, once the holder is ready. */
  private static long awaitHolderReady(Process holder) throws InterruptedException {
    String ready = new Probe.Lines(holder).await(line -> line.startsWith("ready "), Duration.ofSeconds(30))
        .orElseThrow(() -> new IllegalStateException("holder " + holder.pid() + " not ready within 30 s"));
    return Long.parseLong(ready.substring("ready ".length()));
  }

  /** Ctrl-C: SIGINT to the JVM, which must exit (running its shutdown hooks) within a bound. */
  private static void interrupt(Process holder) throws IOException, InterruptedException {
    assertThat(run("sh", "-c", "kill -INT " + holder.pid())).isZero();
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).as("the interrupted JVM exits").isTrue();
  }

  /** Kills, by PID, what a holder test started, whatever the outcome. */
  private static void stop(Process holder, long node) throws InterruptedException {
    holder.destroyForcibly();
    holder.waitFor(10, TimeUnit.SECONDS);
    if (node > 0) {
      ProcessHandle.of(node).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static RunId nextRun() {
    return new RunId(ProcessHandle.current().pid(), SEQUENCE.incrementAndGet());
  }

  private static Probe node(int node) {
    return NODES.get(node - 1);
  }

  private static String connect(int from, String connection, int to) throws IOException, InterruptedException {
    return node(from).connect(connection, network.address(to), CONNECT_TIMEOUT);
  }

  private static List<String> hubBlackholeRules() {
    return Commands.ip("-n", hub.namespace(), "rule", "list").lines().filter(line -> line.contains("blackhole"))
        .toList();
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 s");
    }
    return process.exitValue();
  }

  /** Polls /proc (bounded) until process {@code pid} runs {@code name}; false if it never does within 10 s. */
  private static boolean awaitComm(long pid, String name) throws IOException, InterruptedException {
    return awaitProc(pid, "comm", text -> text.strip().equals(name));
  }

  /** Polls (bounded) until process {@code pid} is in scheduler state {@code state} (/proc/PID/stat field 3). */
  private static boolean awaitState(long pid, char state) throws IOException, InterruptedException {
    return awaitProc(pid, "stat", text -> text.charAt(text.lastIndexOf(')') + 2) == state);
  }

  private static boolean awaitProc(long pid, String file, java.util.function.Predicate<String> wanted)
      throws IOException, InterruptedException {
    Path path = Path.of("/proc", Long.toString(pid), file);
    long deadlineNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadlineNs) {
      if (wanted.test(Files.readString(path))) {
        return true;
      }
      Thread.sleep(10); // polling /proc: no event to wait on; bounded by the deadline
    }
    return false;
  }
}
