package io.tutti.verify.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hub namespace of one run, made by {@link NamespaceNetwork#createHub(RunId)} in the root namespace. The
 * orchestrator relaunches the harness with {@link #wrap(List)} and {@link #environment()}, and closes the hub when
 * the harness has exited; closing destroys every namespace of the run. Closing also happens at JVM exit (Ctrl-C).
 */
public final class Hub implements AutoCloseable {
  private final RunId run;
  private final Thread destroyOnExit;
  private boolean closed; // guarded by this

  Hub(RunId run) {
    this.run = run;
    this.destroyOnExit = ExitHooks.register("destroy-" + run.hubNamespace(), () -> NamespaceNetwork.destroy(run));
  }

  public RunId run() {
    return run;
  }

  public String namespace() {
    return run.hubNamespace();
  }

  /**
   * {@code nsenter --net=/run/netns/<hub> -- command...}: execs, so the process started is the command itself.
   * Not {@code ip netns exec}: that also gives the command a private (slave) mount namespace, so the node namespaces
   * the harness then creates would be mounted only there, invisible to {@link #close()} in the orchestrator, which
   * could then neither enter them nor find the node processes left inside after the harness is killed.
   */
  public List<String> wrap(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of(Commands.NSENTER, "--net=/run/netns/" + namespace(), "--"));
    wrapped.addAll(command);
    return List.copyOf(wrapped);
  }

  /** The environment to add to the relaunched harness so that {@link Network#choose} finds the hub. */
  public Map<String, String> environment() {
    return Map.of(Network.HUB_ENVIRONMENT_VARIABLE, namespace());
  }

  /** Destroys every namespace of the run (killing processes left inside); idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ExitHooks.cancel(destroyOnExit);
    NamespaceNetwork.destroy(run);
  }
}
