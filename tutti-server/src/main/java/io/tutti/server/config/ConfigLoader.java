package io.tutti.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tutti.core.limits.Limits;
import io.tutti.server.config.NodeConfig.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a node's YAML config file, applies command-line overrides, fills defaults and validates. Example:
 * <pre>
 * node-id: n1
 * data-dir: /var/lib/tutti
 * client-address: 127.0.0.1:7101
 * peer-address: 127.0.0.1:7201
 * initial-members: n1=127.0.0.1:7201,n2=127.0.0.1:7202,n3=127.0.0.1:7203
 * </pre>
 */
public final class ConfigLoader {
  /**
   * Shards of a keyspace created without a count: one leader per node of the usual 3-node cluster. Every shard is a
   * Raft group with its own log, threads and fsyncs on each replica, so more groups than nodes cost throughput on
   * small machines: on the 2-core benchmark machine 100 writers reached about 4,900 puts/s with 3 shards and 2,400
   * with 6 (docs/benchmarks.md, "How many shards").
   */
  public static final int DEFAULT_SHARDS = 3;

  private ConfigLoader() {}

  /** The settings a file or flags may give; null means "not given". */
  public static final class Settings {
    @JsonProperty("node-id") public String nodeId;
    @JsonProperty("data-dir") public String dataDir;
    @JsonProperty("client-address") public String clientAddress;
    @JsonProperty("peer-address") public String peerAddress;
    @JsonProperty("cluster-name") public String clusterName;
    @JsonProperty("initial-members") public String initialMembers;
    @JsonProperty("join") public String join;
    @JsonProperty("default-shards") public Integer defaultShards;
    @JsonProperty("default-replicas") public Integer defaultReplicas;
    @JsonProperty("snapshot-threshold-entries") public Long snapshotThresholdEntries;
    @JsonProperty("election-timeout-min-ms") public Integer electionTimeoutMinMs;
    @JsonProperty("election-timeout-max-ms") public Integer electionTimeoutMaxMs;
    @JsonProperty("request-timeout-ms") public Integer requestTimeoutMs;
    @JsonProperty("block-cache-bytes") public Long blockCacheBytes;
    /** The debug switch {@link NodeConfig#unsafeLocalReads}: a flag only, so a config file can never carry it. */
    @com.fasterxml.jackson.annotation.JsonIgnore public Boolean unsafeLocalReads;

    /** Copies every setting that {@code overrides} gives. */
    public void overrideWith(Settings overrides) {
      if (overrides.nodeId != null) nodeId = overrides.nodeId;
      if (overrides.dataDir != null) dataDir = overrides.dataDir;
      if (overrides.clientAddress != null) clientAddress = overrides.clientAddress;
      if (overrides.peerAddress != null) peerAddress = overrides.peerAddress;
      if (overrides.clusterName != null) clusterName = overrides.clusterName;
      if (overrides.initialMembers != null) initialMembers = overrides.initialMembers;
      if (overrides.join != null) join = overrides.join;
      if (overrides.defaultShards != null) defaultShards = overrides.defaultShards;
      if (overrides.defaultReplicas != null) defaultReplicas = overrides.defaultReplicas;
      if (overrides.snapshotThresholdEntries != null) snapshotThresholdEntries = overrides.snapshotThresholdEntries;
      if (overrides.electionTimeoutMinMs != null) electionTimeoutMinMs = overrides.electionTimeoutMinMs;
      if (overrides.electionTimeoutMaxMs != null) electionTimeoutMaxMs = overrides.electionTimeoutMaxMs;
      if (overrides.requestTimeoutMs != null) requestTimeoutMs = overrides.requestTimeoutMs;
      if (overrides.blockCacheBytes != null) blockCacheBytes = overrides.blockCacheBytes;
      if (overrides.unsafeLocalReads != null) unsafeLocalReads = overrides.unsafeLocalReads;
    }
  }

  /** Reads {@code file} (if not null), applies {@code flags}, and returns a validated config. */
  public static NodeConfig load(Path file, Settings flags) {
    Settings settings = file == null ? new Settings() : readFile(file);
    settings.overrideWith(flags);
    return build(settings);
  }

  static Settings readFile(Path file) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES);
    try {
      Settings settings = yaml.readValue(Files.readAllBytes(file), Settings.class);
      if (settings == null) {
        throw NodeConfig.invalid("config file %s is empty", file);
      }
      return settings;
    } catch (NoSuchFileException e) {
      throw NodeConfig.invalid("config file %s does not exist", file);
    } catch (com.fasterxml.jackson.databind.exc.IgnoredPropertyException e) {
      throw NodeConfig.invalid("config file %s: '%s' can only be given as a command-line flag", file,
          e.getPropertyName());
    } catch (UnrecognizedPropertyException e) {
      throw NodeConfig.invalid("config file %s: unknown setting '%s'", file, e.getPropertyName());
    } catch (IOException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
          .orElse("");
      throw NodeConfig.invalid("config file %s is not valid YAML for Tutti: %s", file, message);
    }
  }

  static NodeConfig build(Settings s) {
    String nodeId = s.nodeId == null ? "n1" : s.nodeId;
    HostPort client = HostPort.parse("client address",
        s.clientAddress == null ? "127.0.0.1:7101" : s.clientAddress);
    HostPort peer = HostPort.parse("peer address", s.peerAddress == null ? "127.0.0.1:7201" : s.peerAddress);
    HostPort join = s.join == null || s.join.isBlank() ? null : HostPort.parse("join address", s.join);
    boolean noMembers = s.initialMembers == null || s.initialMembers.isBlank();
    Map<String, HostPort> members = noMembers ? (join == null ? Map.of(nodeId, peer) : Map.of())
        : parseMembers(s.initialMembers);
    return new NodeConfig(
        nodeId,
        Path.of(s.dataDir == null ? "tutti-data/" + nodeId : s.dataDir),
        client,
        peer,
        s.clusterName == null ? "tutti" : s.clusterName,
        members,
        join,
        s.defaultShards == null ? DEFAULT_SHARDS : s.defaultShards,
        s.defaultReplicas == null ? 3 : s.defaultReplicas,
        s.snapshotThresholdEntries == null ? 100_000 : s.snapshotThresholdEntries,
        s.electionTimeoutMinMs == null ? 1000 : s.electionTimeoutMinMs,
        s.electionTimeoutMaxMs == null ? 2000 : s.electionTimeoutMaxMs,
        s.requestTimeoutMs == null ? 10_000 : s.requestTimeoutMs,
        s.blockCacheBytes == null ? 64L << 20 : s.blockCacheBytes,
        Limits.defaults(),
        Boolean.TRUE.equals(s.unsafeLocalReads)).validate();
  }

  /** Parses {@code n1=host:port,n2=host:port}. */
  public static Map<String, HostPort> parseMembers(String text) {
    Map<String, HostPort> members = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String trimmed = part.trim();
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw NodeConfig.invalid("initial member '%s' must be id=host:port", trimmed);
      }
      String id = trimmed.substring(0, eq);
      if (members.put(id, HostPort.parse("initial member " + id, trimmed.substring(eq + 1))) != null) {
        throw NodeConfig.invalid("initial member '%s' is listed twice", id);
      }
    }
    return members;
  }
}
