package io.tutti.verify.net;

import io.tutti.core.check.Check;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which pairs of nodes cannot talk: a value, with no I/O. {@link NamespaceNetwork} turns the difference between two
 * {@code Cuts} into commands; the nemesis timeline prints {@link #describe(int)}. A cut is always symmetric.
 *
 * @param links the cut pairs, sorted
 */
public record Cuts(SortedSet<Link> links) {
  /** An unordered pair of distinct nodes, stored as {@code low < high}. */
  public record Link(int low, int high) implements Comparable<Link> {
    public Link {
      Check.argument(1 <= low && low < high, "link %d-%d must join two distinct nodes >= 1, low first", low, high);
    }

    public static Link of(int a, int b) {
      Check.argument(a != b, "cannot cut node %d from itself", a);
      return new Link(Math.min(a, b), Math.max(a, b));
    }

    @Override
    public int compareTo(Link other) {
      return low != other.low ? Integer.compare(low, other.low) : Integer.compare(high, other.high);
    }

    @Override
    public String toString() {
      return low + "-" + high;
    }
  }

  public Cuts {
    links = Collections.unmodifiableSortedSet(new TreeSet<>(links));
  }

  public static Cuts none() {
    return new Cuts(new TreeSet<>());
  }

  /**
   * Cuts every pair of nodes in different components. Every node 1..nodes must be in exactly one component, so that
   * a forgotten node is an error rather than a silent guess.
   */
  public static Cuts between(List<Set<Integer>> components, int nodes) {
    int[] componentOf = new int[nodes + 1];
    for (int c = 0; c < components.size(); c++) {
      Check.argument(!components.get(c).isEmpty(), "component %d of %s is empty", c, components);
      for (int node : components.get(c)) {
        Check.argument(1 <= node && node <= nodes, "node %d in %s is not in 1..%d", node, components, nodes);
        Check.argument(componentOf[node] == 0, "node %d is in two components of %s", node, components);
        componentOf[node] = c + 1;
      }
    }
    SortedSet<Link> links = new TreeSet<>();
    for (int a = 1; a <= nodes; a++) {
      Check.argument(componentOf[a] != 0, "node %d is in no component of %s", a, components);
      for (int b = a + 1; b <= nodes; b++) {
        if (componentOf[b] != 0 && componentOf[a] != componentOf[b]) {
          links.add(new Link(a, b));
        }
      }
    }
    return new Cuts(links);
  }

  public Cuts with(int a, int b) {
    SortedSet<Link> more = new TreeSet<>(links);
    more.add(Link.of(a, b));
    return new Cuts(more);
  }

  public Cuts with(Link link) {
    return with(link.low(), link.high());
  }

  public Cuts without(Link link) {
    SortedSet<Link> fewer = new TreeSet<>(links);
    fewer.remove(link);
    return new Cuts(fewer);
  }

  public boolean isCut(int a, int b) {
    return links.contains(Link.of(a, b));
  }

  /** Links in this but not in {@code other}. */
  public SortedSet<Link> minus(Cuts other) {
    SortedSet<Link> difference = new TreeSet<>(links);
    difference.removeAll(other.links);
    return difference;
  }

  /**
   * For the timeline: {@code "{1,2} | {3}"} when the cuts are exactly those of a partition into groups (including
   * {@code "{1,2,3}"}: nothing cut), else the cut links, {@code "cut 1-2, 2-3"}.
   */
  public String describe(int nodes) {
    List<Set<Integer>> groups = groupsIfPartition(nodes);
    if (groups == null) {
      return "cut " + links.stream().map(Link::toString).collect(Collectors.joining(", "));
    }
    StringJoiner text = new StringJoiner(" | ");
    for (Set<Integer> group : groups) {
      text.add(group.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
    }
    return text.toString();
  }

  /** The groups of nodes that can all talk to each other, or null if "can talk" is not transitive. */
  private List<Set<Integer>> groupsIfPartition(int nodes) {
    for (Link link : links) {
      Check.argument(link.high <= nodes, "link %s names a node beyond %d", link, nodes);
    }
    List<Set<Integer>> groups = new ArrayList<>();
    boolean[] placed = new boolean[nodes + 1];
    for (int a = 1; a <= nodes; a++) {
      if (placed[a]) {
        continue;
      }
      Set<Integer> group = new TreeSet<>();
      for (int b = a; b <= nodes; b++) {
        if (b == a || !isCut(a, b)) {
          if (placed[b]) {
            return null; // b talks to a and to an earlier group that a cannot talk to
          }
          group.add(b);
          placed[b] = true;
        }
      }
      groups.add(group);
    }
    Cuts implied = between(groups, nodes);
    return implied.equals(this) ? groups : null;
  }
}
