package io.tutti.client;

/** Where a {@link TuttiClient} sends each request. */
public enum Routing {
  /**
   * To the shard's leader as the cluster map names it, then its other replicas, then any live node (the default):
   * the fewest hops.
   */
  LEADER,
  /**
   * Only to the configured endpoints, in the order given, whichever shard the key is in; the receiving node forwards
   * what it does not lead. For clients that must talk to one particular node (a test harness binding each client to
   * a node, a client that can reach only some nodes).
   */
  ENDPOINTS
}
