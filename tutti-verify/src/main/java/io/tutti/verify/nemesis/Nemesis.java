package io.tutti.verify.nemesis;

import io.tutti.verify.cluster.NodeProcesses;
import io.tutti.verify.net.Network;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Injects faults into a running cluster on its own thread: a quiet period, then one fault for a while, then heal,
 * again and again until {@link #stopAndHeal}. Every choice (which fault, which nodes, how long) comes from one
 * {@link Random} seeded by the run, so a seed replays the same schedule (the cluster's reaction differs, of course).
 *
 * <p>Invariant: at most one fault is in force at a time, and after {@link #stopAndHeal} returns, none is: the network
 * is whole, no node is paused, and every node has been started again.
 */
public final class Nemesis {
  /** How long quiet periods and faults last, before jitter (each is drawn from 70%..130% of these). */
  public record Schedule(long quietMs, long faultMs) {
    public Schedule {
      if (quietMs < 0 || faultMs < 1) {
        throw new IllegalArgumentException("quiet must be >= 0 ms and faults >= 1 ms, got " + quietMs + " and "
            + faultMs);
      }
    }
  }

  private final List<NemesisKind> kinds;
  private final NodeProcesses nodes;
  private final Network network;
  private final Timeline timeline;
  private final Random random;
  private final Schedule schedule;
  private final LongSupplier clock;
  private final Supplier<Optional<Integer>> leader;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final List<String> problems = new ArrayList<>();
  private final Thread thread;
  private Fault current;

  /**
   * @param kinds the single kinds to draw from (empty: no faults)
   * @param clock nanoseconds since the run started
   * @param leader the node that leads a shard the workload uses, if known
   */
  public Nemesis(List<NemesisKind> kinds, NodeProcesses nodes, Network network, Timeline timeline, long seed,
      Schedule schedule, LongSupplier clock, Supplier<Optional<Integer>> leader) {
    this.kinds = List.copyOf(kinds);
    this.nodes = nodes;
    this.network = network;
    this.timeline = timeline;
    this.random = new Random(seed);
    this.schedule = schedule;
    this.clock = clock;
    this.leader = leader;
    this.thread = new Thread(this::run, "nemesis");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Problems met while injecting or healing (they are also in the timeline). */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private void run() {
    try {
      while (!kinds.isEmpty() && !stop.await(jitter(schedule.quietMs()), TimeUnit.MILLISECONDS)) {
        Fault fault = choose(kinds.get(random.nextInt(kinds.size())));
        inject(fault);
        stop.await(jitter(schedule.faultMs()), TimeUnit.MILLISECONDS);
        heal();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long jitter(long ms) {
    return ms == 0 ? 0 : Math.round(ms * (0.7 + 0.6 * random.nextDouble()));
  }

  /** Stops injecting, heals the fault in force, and makes sure the network is whole and every node runs. */
  public void stopAndHeal() throws InterruptedException {
    stop.countDown();
    if (thread.isAlive()) {
      thread.join(TimeUnit.SECONDS.toMillis(120));
    }
    heal();
    try {
      network.heal();
      nodes.restoreAll();
    } catch (IOException | RuntimeException e) {
      problem("could not restore every node after the run: " + e.getMessage());
    }
  }

  Fault choose(NemesisKind kind) {
    int size = nodes.size();
    List<Integer> all = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      all.add(i);
    }
    Collections.shuffle(all, random);
    int majority = size / 2 + 1;
    return switch (kind) {
      case KILL -> switch (random.nextInt(3)) {
        case 0 -> new Fault.Kill(List.of(all.getFirst()), "random node");
        case 1 -> new Fault.Kill(List.of(leaderOr(all.getFirst())), "shard leader");
        default -> new Fault.Kill(List.copyOf(all.subList(0, majority)), "majority");
      };
      case PAUSE -> switch (random.nextInt(3)) {
        case 0 -> new Fault.Pause(List.of(all.getFirst()), "random node");
        case 1 -> new Fault.Pause(List.of(leaderOr(all.getFirst())), "shard leader");
        default -> new Fault.Pause(List.copyOf(all.subList(0, majority)), "majority");
      };
      case PARTITION -> switch (random.nextInt(3)) {
        case 0 -> new Fault.Partition(List.of(Set.copyOf(all.subList(0, majority)),
            Set.copyOf(all.subList(majority, size))), "majority|minority");
        case 1 -> {
          int isolated = leaderOr(all.getFirst());
          Set<Integer> rest = new HashSet<>(all);
          rest.remove(isolated);
          yield new Fault.Partition(List.of(Set.of(isolated), Set.copyOf(rest)), "isolated leader");
        }
        default -> {
          // all.get(0) is the bridge; the others split into two sides that each still see the bridge.
          List<Integer> others = all.subList(1, size);
          int half = others.size() / 2;
          yield new Fault.Partition(List.of(Set.copyOf(others.subList(0, half)),
              Set.copyOf(others.subList(half, others.size()))), "bridge n" + all.getFirst());
        }
      };
      case NONE, MIXED -> throw new IllegalArgumentException("not a single fault kind: " + kind);
    };
  }

  private int leaderOr(int fallback) {
    Optional<Integer> known = leader.get();
    if (known.isEmpty()) {
      note("no shard leader known; chose n" + fallback + " instead");
    }
    return known.orElse(fallback);
  }

  private synchronized void inject(Fault fault) {
    current = fault;
    try {
      switch (fault) {
        case Fault.Kill kill -> {
          for (int node : kill.nodes()) {
            nodes.kill(node);
          }
        }
        case Fault.Pause pause -> {
          for (int node : pause.nodes()) {
            nodes.pause(node);
          }
        }
        case Fault.Partition partition -> {
          for (int[] pair : partition.cutPairs()) {
            network.cut(pair[0], pair[1]);
          }
        }
      }
      timeline.started(clock.getAsLong(), fault);
    } catch (IOException | RuntimeException e) {
      problem("could not inject '" + fault.label() + "': " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void heal() {
    Fault fault = current;
    if (fault == null) {
      return;
    }
    current = null;
    try {
      switch (fault) {
        case Fault.Kill kill -> {
          for (int node : kill.nodes()) {
            if (!nodes.isRunning(node)) {
              nodes.start(node);
            }
          }
        }
        case Fault.Pause pause -> {
          for (int node : pause.nodes()) {
            nodes.resume(node);
          }
        }
        case Fault.Partition partition -> network.heal();
      }
      timeline.ended(clock.getAsLong(), fault);
    } catch (IOException | RuntimeException e) {
      problem("could not heal '" + fault.label() + "': " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void note(String text) {
    try {
      timeline.note(clock.getAsLong(), text);
    } catch (IOException e) {
      problem("cannot write the timeline: " + e.getMessage());
    }
  }

  private synchronized void problem(String text) {
    problems.add(text);
    note(text);
  }
}
