package io.tutti.core.meta;

import java.util.List;

/**
 * A keyspace: a name, a CAP mode ({@code cp} now; {@code ap} later), a fixed number of hash shards and their
 * placement. {@code createdIndex} is the metadata log index that created it, which makes its shards' group ids
 * differ from those of an earlier keyspace of the same name.
 */
public record Keyspace(String name, String mode, int shards, int replicas, long createdIndex,
    List<ShardPlacement> placement) {
  public static final String DEFAULT = "default";
  public static final String MODE_CP = "cp";
  public static final String MODE_AP = "ap";

  public Keyspace {
    placement = List.copyOf(placement);
  }
}
