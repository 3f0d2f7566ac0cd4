package io.tutti.verify.net;

import io.tutti.core.check.Check;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one run of {@code tutti verify} on this machine, and every network namespace it creates. The id starts with
 * the PID of the orchestrating process (the CLI, outside the hub), so that a later run can tell a leftover namespace
 * (orchestrator dead) from a live one: {@code tutti-v<pid>-hub}, {@code tutti-v<pid>-n1}, ... A process that
 * orchestrates several runs (the tests) adds a sequence number: {@code tutti-v<pid>x<sequence>-n1}.
 *
 * <p>Namespace names are file names under {@code /run/netns}, so their length is not limited by IFNAMSIZ; interface
 * names are, and they never contain the run id (each lives in a namespace of its own run).
 *
 * @param orchestratorPid PID of the process that creates and destroys the hub
 * @param sequence 0 for the usual one run per orchestrator, else distinguishes runs of one orchestrator
 */
public record RunId(long orchestratorPid, int sequence) {
  /** Prefix of every namespace Tutti's harness creates; nothing else on the machine may use it. */
  public static final String NAMESPACE_PREFIX = "tutti-v";

  private static final Pattern NAMESPACE = Pattern.compile("tutti-v(\\d{1,10})(?:x(\\d{1,9}))?-(?:hub|n\\d{1,3})");

  public RunId {
    Check.argument(orchestratorPid > 0, "orchestrator PID %d must be positive", orchestratorPid);
    Check.argument(sequence >= 0, "sequence %d must not be negative", sequence);
  }

  /** The run orchestrated by this process. */
  public static RunId ofThisProcess() {
    return new RunId(ProcessHandle.current().pid(), 0);
  }

  /** The run that created {@code namespace}, if the name is one of ours (as {@link #hubNamespace()} etc. make). */
  public static Optional<RunId> ofNamespace(String namespace) {
    Matcher matcher = NAMESPACE.matcher(namespace);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int sequence = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
    return Optional.of(new RunId(Long.parseLong(matcher.group(1)), sequence));
  }

  public String hubNamespace() {
    return namespacePrefix() + "hub";
  }

  /** Namespace of node {@code node} (1-based). */
  public String nodeNamespace(int node) {
    Check.argument(node >= 1, "node %d must be >= 1", node);
    return namespacePrefix() + "n" + node;
  }

  /** Every namespace of this run, and no namespace of another run, starts with this. */
  public String namespacePrefix() {
    return NAMESPACE_PREFIX + this + "-";
  }

  /** True while the orchestrating process still runs (a recycled PID reads as alive: cleanup is then deferred). */
  public boolean orchestratorAlive() {
    return ProcessHandle.of(orchestratorPid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public String toString() {
    return sequence == 0 ? Long.toString(orchestratorPid) : orchestratorPid + "x" + sequence;
  }
}
