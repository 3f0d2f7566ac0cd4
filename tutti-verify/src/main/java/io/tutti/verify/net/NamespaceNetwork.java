package io.tutti.verify.net;

import io.tutti.core.check.Check;
import io.tutti.verify.net.Cuts.Link;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes in network namespaces of their own, routed through the hub namespace where the harness runs; links are cut
 * by blackhole policy rules in the hub. See {@code package-info.java} for the topology and why.
 *
 * <p>Every command names its namespace ({@code ip -n NS}), so this class works the same from inside the hub (the
 * harness) and from the root namespace (the tests).
 */
public final class NamespaceNetwork implements Network {
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceNetwork.class);

  /** The run's private subnet (RFC 1918); node i is {@code 10.213.0.i}, the hub {@code .254}. */
  public static final String SUBNET = "10.213.0.0/24";
  public static final String HUB_ADDRESS = "10.213.0.254";
  public static final int NODES_MAX = 253;
  /** Priority of the hub's partition rules: after {@code local} (0), before {@code main} (32766). */
  static final int PARTITION_RULE_PRIORITY = 100;
  /** How long to wait for a process killed during cleanup to be gone. */
  private static final long KILL_WAIT_MS = 5000;

  private final RunId run;
  private final int nodes;
  private final Thread closeOnExit;
  // Invariant: every blackhole rule this object added to the hub, and not yet removed, belongs to a link in applied.
  private Cuts applied = Cuts.none(); // guarded by this
  private boolean closed; // guarded by this

  private NamespaceNetwork(RunId run, int nodes) {
    this.run = run;
    this.nodes = nodes;
    this.closeOnExit = ExitHooks.register("close-network-" + run, this::close);
  }

  /** True when this process is root, {@code nsenter} is installed and {@code ip netns} works. */
  public static boolean supported() {
    if (effectiveUid() != 0 || !Commands.installed(Commands.NSENTER)) {
      return false;
    }
    try {
      return Commands.ipResult("netns", "list").succeeded();
    } catch (NetworkCommandException e) {
      LOG.debug("ip netns unavailable", e);
      return false;
    }
  }

  /** Creates the run's hub namespace (with {@code lo} up); run in the root namespace by the orchestrator. */
  public static Hub createHub(RunId run) {
    String hub = run.hubNamespace();
    Commands.ip("netns", "add", hub);
    Hub created = new Hub(run);
    try {
      Commands.ip("-n", hub, "link", "set", "lo", "up");
      return created;
    } catch (RuntimeException e) {
      closeAfterFailure(created, e);
      throw e;
    }
  }

  /**
   * Creates node namespaces 1..{@code nodes} and connects each to the run's existing hub by a veth pair; enables
   * forwarding in the hub. On failure removes what it made.
   */
  public static NamespaceNetwork insideHub(RunId run, int nodes) {
    Check.argument(1 <= nodes && nodes <= NODES_MAX, "nodes %d not in 1..%d", nodes, NODES_MAX);
    String hub = run.hubNamespace();
    Check.argument(namespaces().contains(hub), "hub namespace %s does not exist (NamespaceNetwork.createHub)", hub);
    NamespaceNetwork network = new NamespaceNetwork(run, nodes);
    try {
      List<String> forward = List.of(Commands.IP, "netns", "exec", hub, "sh", "-c",
          "echo 1 > /proc/sys/net/ipv4/ip_forward");
      Commands.Result result = Commands.run(forward);
      if (!result.succeeded()) {
        throw result.failure();
      }
      for (int node = 1; node <= nodes; node++) {
        network.connect(node);
      }
      LOG.debug("network {}: hub {} with {} nodes on {}", run, hub, nodes, SUBNET);
      return network;
    } catch (RuntimeException e) {
      closeAfterFailure(network, e);
      throw e;
    }
  }

  /** Deletes every namespace of {@code run}, first killing any process still inside one (never this process). */
  public static void destroy(RunId run) {
    List<RuntimeException> failures = new ArrayList<>();
    for (String namespace : namespaces()) {
      if (namespace.startsWith(run.namespacePrefix())) {
        deleteNamespace(namespace, failures);
      }
    }
    throwFirst(failures);
  }

  /**
   * Deletes every {@code tutti-v*} namespace whose orchestrator has died (a run killed before it could clean up).
   * Call at start-up; returns (and logs) the names removed.
   */
  public static List<String> cleanLeftovers() {
    List<String> removed = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    for (String namespace : namespaces()) {
      RunId owner = RunId.ofNamespace(namespace).orElse(null);
      if (owner != null && !owner.orchestratorAlive()) {
        LOG.debug("removing leftover namespace {}: its orchestrator (PID {}) is gone", namespace,
            owner.orchestratorPid());
        deleteNamespace(namespace, failures);
        removed.add(namespace);
      }
    }
    throwFirst(failures);
    return List.copyOf(removed);
  }

  /** Names of all network namespaces that {@code ip netns} knows. */
  public static List<String> namespaces() {
    List<String> names = new ArrayList<>();
    for (String line : Commands.ip("netns", "list").split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip().split("\\s+")[0]); // "name (id: 3)"
      }
    }
    return names;
  }

  /**
   * Fails unless this process runs in network namespace {@code namespace}; warns if it also has a mount namespace
   * of its own (launched by {@code ip netns exec} rather than {@link Hub#wrap}), which hides its node namespaces from
   * the orchestrator's cleanup.
   */
  static void checkThisProcessIsIn(String namespace) {
    String actual = Commands.ip("netns", "identify", Long.toString(ProcessHandle.current().pid())).strip();
    Check.state(actual.equals(namespace), "the harness must run in namespace %s but runs in '%s' (launch it with "
        + "Hub.wrap)", namespace, actual);
    ProcessHandle.current().parent().ifPresent(parent -> {
      try {
        Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
        Path parents = Files.readSymbolicLink(Path.of("/proc", Long.toString(parent.pid()), "ns", "mnt"));
        if (!own.equals(parents)) {
          LOG.warn("the harness has a mount namespace of its own ({} vs parent's {}): if it is killed, the "
              + "orchestrator cannot remove node processes left in its namespaces; launch it with Hub.wrap", own,
              parents);
        }
      } catch (IOException e) {
        LOG.debug("cannot compare mount namespaces", e);
      }
    });
  }

  public RunId run() {
    return run;
  }

  @Override
  public int nodes() {
    return nodes;
  }

  @Override
  public String address(int node) {
    checkNode(node);
    return "10.213.0." + node;
  }

  /** {@code ip netns exec <node ns> command...}: ip execs the command, so the process's PID is the command's. */
  @Override
  public List<String> wrap(int node, List<String> command) {
    checkNode(node);
    List<String> wrapped = new ArrayList<>(List.of(Commands.IP, "netns", "exec", run.nodeNamespace(node)));
    wrapped.addAll(command);
    return List.copyOf(wrapped);
  }

  @Override
  public boolean canPartition() {
    return true;
  }

  @Override
  public String partitionUnavailableReason() {
    return "";
  }

  @Override
  public void partition(List<Set<Integer>> components) {
    transitionTo(Cuts.between(components, nodes));
  }

  @Override
  public synchronized void cut(int a, int b) {
    checkNode(a);
    checkNode(b);
    transitionTo(applied.with(a, b));
  }

  @Override
  public synchronized void heal() {
    if (!closed) {
      transitionTo(Cuts.none());
    }
  }

  @Override
  public synchronized String describe() {
    return applied.describe(nodes);
  }

  /** The links cut now. */
  public synchronized Cuts cuts() {
    return applied;
  }

  /** Heals, then deletes the node namespaces and the hub's veth ends; the hub itself belongs to {@link Hub}. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ExitHooks.cancel(closeOnExit);
    List<RuntimeException> failures = new ArrayList<>();
    for (Link link : applied.links()) {
      try {
        removeRules(link);
        applied = applied.without(link);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    List<String> present = namespaces();
    for (int node = 1; node <= nodes; node++) {
      removeOrTolerateGone(failures, "-n", run.hubNamespace(), "link", "delete", hubVeth(node));
      if (present.contains(run.nodeNamespace(node))) {
        deleteNamespace(run.nodeNamespace(node), failures);
      }
    }
    LOG.debug("network {}: closed", run);
    throwFirst(failures);
  }

  /** The one place the cut changes: removes the links not in {@code target}, then adds the missing ones. */
  private synchronized void transitionTo(Cuts target) {
    Check.state(!closed, "network of run %s is closed", run);
    for (Link link : applied.minus(target)) {
      removeRules(link);
      applied = applied.without(link);
    }
    for (Link link : target.minus(applied)) {
      applied = applied.with(link); // first, so that a half-added link is still removed by heal()
      addRules(link);
    }
    Check.state(applied.equals(target), "applied %s != target %s", applied, target);
    LOG.debug("network {}: {}", run, applied.describe(nodes));
  }

  private void addRules(Link link) {
    for (List<String> rule : rules(link)) {
      List<String> args = new ArrayList<>(List.of("-n", run.hubNamespace(), "rule", "add"));
      args.addAll(rule);
      Commands.ip(args.toArray(String[]::new));
    }
  }

  private void removeRules(Link link) {
    List<RuntimeException> failures = new ArrayList<>();
    for (List<String> rule : rules(link)) {
      List<String> args = new ArrayList<>(List.of("-n", run.hubNamespace(), "rule", "delete"));
      args.addAll(rule);
      removeOrTolerateGone(failures, args.toArray(String[]::new));
    }
    throwFirst(failures);
  }

  /**
   * Both directions of a link, as hub policy rules. {@code blackhole} drops forwarded packets silently (the kernel
   * sends ICMP only for {@code unreachable} and {@code prohibit}), so the nodes see a real partition: SYNs and
   * segments vanish and time out. Traffic from the hub itself has the hub's source address and is never matched.
   */
  private List<List<String>> rules(Link link) {
    String priority = Integer.toString(PARTITION_RULE_PRIORITY);
    String low = address(link.low()) + "/32";
    String high = address(link.high()) + "/32";
    return List.of(List.of("priority", priority, "from", low, "to", high, "blackhole"),
        List.of("priority", priority, "from", high, "to", low, "blackhole"));
  }

  /** Makes node {@code node}'s namespace and its veth pair to the hub; point-to-point addresses, hub as router. */
  private void connect(int node) {
    String namespace = run.nodeNamespace(node);
    String hub = run.hubNamespace();
    String veth = hubVeth(node);
    String address = address(node);
    Commands.ip("netns", "add", namespace);
    Commands.ip("-n", namespace, "link", "set", "lo", "up");
    Commands.ip("-n", hub, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
    Commands.ip("-n", hub, "address", "add", HUB_ADDRESS + "/32", "peer", address + "/32", "dev", veth);
    Commands.ip("-n", hub, "link", "set", veth, "up");
    Commands.ip("-n", namespace, "address", "add", address + "/32", "peer", HUB_ADDRESS + "/32", "dev", "eth0");
    Commands.ip("-n", namespace, "link", "set", "eth0", "up");
    Commands.ip("-n", namespace, "route", "add", SUBNET, "via", HUB_ADDRESS, "dev", "eth0", "src", address);
  }

  /** The hub's end of node {@code node}'s veth pair; short, and unique because the hub belongs to one run. */
  private static String hubVeth(int node) {
    return "n" + node;
  }

  private void checkNode(int node) {
    Check.argument(1 <= node && node <= nodes, "node %d not in 1..%d", node, nodes);
  }

  /** Kills processes left in {@code namespace} (never this one), then deletes it; failures go to the list. */
  private static void deleteNamespace(String namespace, List<RuntimeException> failures) {
    try {
      Commands.Result pids = Commands.ipResult("netns", "pids", namespace);
      if (!pids.succeeded() && !pids.failedAsGone()) {
        failures.add(pids.failure());
      }
      for (String line : pids.stdout().split("\n")) {
        if (!line.isBlank()) {
          kill(Long.parseLong(line.strip()), namespace);
        }
      }
    } catch (RuntimeException e) {
      failures.add(e);
    }
    removeOrTolerateGone(failures, "netns", "delete", namespace);
  }

  private static void kill(long pid, String namespace) {
    if (pid == ProcessHandle.current().pid()) {
      LOG.warn("not killing this process ({}) in namespace {}", pid, namespace);
      return;
    }
    ProcessHandle.of(pid).ifPresent(process -> {
      LOG.warn("killing process {} left in namespace {}", pid, namespace);
      process.destroyForcibly();
      try {
        process.onExit().get(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("process {} in namespace {} still running {} ms after SIGKILL", pid, namespace, KILL_WAIT_MS);
      }
    });
  }

  private static void removeOrTolerateGone(List<RuntimeException> failures, String... args) {
    try {
      Commands.Result result = Commands.ipResult(args);
      if (result.failedAsGone()) {
        LOG.debug("already gone: {}", String.join(" ", result.command()));
      } else if (!result.succeeded()) {
        failures.add(result.failure());
      }
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private static void throwFirst(List<RuntimeException> failures) {
    if (failures.isEmpty()) {
      return;
    }
    RuntimeException first = failures.getFirst();
    failures.stream().skip(1).forEach(first::addSuppressed);
    throw first;
  }

  private static void closeAfterFailure(AutoCloseable created, RuntimeException failure) {
    try {
      created.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  /** The effective UID from /proc/self/status, or -1 if it cannot be read. */
  private static int effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.split("\\s+")[2]); // Uid: real effective saved filesystem
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read the effective UID", e);
    }
    return -1;
  }
}
