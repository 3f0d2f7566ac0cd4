package io.tutti.server.config;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import io.tutti.core.limits.Limits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a node is started with, validated together by {@link #validate()} before anything starts (a broken
 * config is refused with one clear line, never half-applied). Built from a YAML file and command-line flags by
 * {@link ConfigLoader}.
 *
 * @param initialMembers node id to peer address of the members that form the cluster the first time (the metadata
 *     group's voters); must include this node; empty for a node that joins a formed cluster
 * @param join the client address of any member of a formed cluster to join, or null
 * @param unsafeLocalReads a debug switch that breaks linearizability on purpose: linearizable reads are answered
 *     from this node's replica without asking the leader, so they can be stale. Only for proving that
 *     {@code tutti verify} catches the violation; settable by a command-line flag alone, never in a config file
 */
public record NodeConfig(
    String nodeId,
    Path dataDir,
    HostPort clientAddress,
    HostPort peerAddress,
    String clusterName,
    Map<String, HostPort> initialMembers,
    HostPort join,
    int defaultShards,
    int defaultReplicas,
    long snapshotThresholdEntries,
    int electionTimeoutMinMs,
    int electionTimeoutMaxMs,
    int requestTimeoutMs,
    long blockCacheBytes,
    Limits limits,
    boolean unsafeLocalReads) {

  private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  public NodeConfig {
    initialMembers = Map.copyOf(new LinkedHashMap<>(initialMembers));
  }

  /** A host and port. */
  public record HostPort(String host, int port) {
    public static HostPort parse(String what, String text) {
      int colon = text == null ? -1 : text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw invalid("%s '%s' must be host:port", what, text);
      }
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw invalid("%s '%s': port must be 1..65535", what, text);
        }
        return new HostPort(text.substring(0, colon), port);
      } catch (NumberFormatException e) {
        throw invalid("%s '%s': port is not a number", what, text);
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  static TuttiException invalid(String format, Object... args) {
    return TuttiException.of(ErrorCode.INVALID_ARGUMENT, format, args);
  }

  public NodeConfig validate() {
    if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
      throw invalid("node id '%s' must be 1-32 characters a-z, 0-9, '_' or '-'", nodeId);
    }
    if (clusterName == null || !CLUSTER_NAME.matcher(clusterName).matches()) {
      throw invalid("cluster name '%s' must be 1-64 characters A-Z, a-z, 0-9, '_', '.' or '-'", clusterName);
    }
    if (dataDir == null) {
      throw invalid("a data directory is required (--data-dir)");
    }
    if (clientAddress.equals(peerAddress)) {
      throw invalid("client and peer addresses must differ, both are %s", clientAddress);
    }
    if (join != null && !initialMembers.isEmpty()) {
      throw invalid("give --join (to join a formed cluster) or --initial-members (to form one), not both");
    }
    if (join == null && !initialMembers.containsKey(nodeId)) {
      throw invalid("initial members %s must include this node '%s'", initialMembers.keySet(), nodeId);
    }
    for (String member : initialMembers.keySet()) {
      if (!NODE_ID.matcher(member).matches()) {
        throw invalid("initial member id '%s' must be 1-32 characters a-z, 0-9, '_' or '-'", member);
      }
    }
    if (join == null && !initialMembers.get(nodeId).equals(peerAddress)) {
      throw invalid("initial members give this node the peer address %s but --peer-address is %s",
          initialMembers.get(nodeId), peerAddress);
    }
    if (defaultShards < 1 || defaultShards > limits.shardsPerKeyspaceMax()) {
      throw invalid("default shards must be 1..%d, got %d", limits.shardsPerKeyspaceMax(), defaultShards);
    }
    if (defaultReplicas < 1 || defaultReplicas > limits.replicasMax()) {
      throw invalid("default replicas must be 1..%d, got %d", limits.replicasMax(), defaultReplicas);
    }
    if (snapshotThresholdEntries < 16) {
      throw invalid("snapshot threshold must be >= 16 entries, got %d", snapshotThresholdEntries);
    }
    if (electionTimeoutMinMs < 50 || electionTimeoutMaxMs <= electionTimeoutMinMs) {
      throw invalid("election timeouts must satisfy 50 <= min < max, got %d..%d ms",
          electionTimeoutMinMs, electionTimeoutMaxMs);
    }
    if (requestTimeoutMs < 2 * electionTimeoutMaxMs) {
      throw invalid("request timeout %d ms must be at least twice the maximum election timeout %d ms",
          requestTimeoutMs, electionTimeoutMaxMs);
    }
    if (blockCacheBytes < 1 << 20) {
      throw invalid("block cache must be >= 1 MiB, got %d bytes", blockCacheBytes);
    }
    try {
      limits.validate();
    } catch (IllegalArgumentException e) {
      throw invalid("limits: %s", e.getMessage());
    }
    return this;
  }
}
