package io.tutti.core.meta;

/** A change to the cluster metadata, as replicated in the metadata group's log. */
public sealed interface MetaCommand {
  /** A node announces itself and its addresses (again after every start). */
  record RegisterMember(Member member) implements MetaCommand {}

  /** Creates a keyspace; with {@code ifAbsent}, an existing keyspace of that name is not an error. */
  record CreateKeyspace(String name, String mode, int shards, int replicas, boolean ifAbsent)
      implements MetaCommand {}

  record DropKeyspace(String name) implements MetaCommand {}

  /**
   * Creates the {@code default} keyspace the first time the cluster forms and marks the cluster bootstrapped;
   * a no-op afterwards (so that dropping {@code default} is not undone by a restart).
   */
  record Bootstrap(int defaultShards, int defaultReplicas) implements MetaCommand {}
}
