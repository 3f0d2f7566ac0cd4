package io.tutti.cli;

import io.tutti.server.TuttiNode;
import io.tutti.server.config.ConfigLoader;
import io.tutti.server.config.NodeConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tutti server}: runs one node until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run one Tutti node from a config file and flags (flags win).")
final class ServerCommand implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--config", description = "YAML config file (keys: node-id, data-dir, client-address, "
      + "peer-address, cluster-name, initial-members, default-shards, ...)")
  Path config;

  @Option(names = "--node-id", description = "This node's id, e.g. n1 (default n1)")
  String nodeId;

  @Option(names = "--data-dir", description = "Data directory (default tutti-data/<node-id>)")
  String dataDir;

  @Option(names = "--client-address", description = "host:port for gRPC and HTTP clients (default 127.0.0.1:7101)")
  String clientAddress;

  @Option(names = "--peer-address", description = "host:port for Raft traffic (default 127.0.0.1:7201)")
  String peerAddress;

  @Option(names = "--initial-members", description = "The members that form the cluster the first time: "
      + "n1=host:port,n2=host:port,... (peer addresses; default: this node alone)")
  String initialMembers;

  @Option(names = "--join", description = "Join a formed cluster through the client address (host:port) of any "
      + "member, instead of forming one with --initial-members. The node is not a metadata voter; it holds replicas "
      + "of keyspaces created after it joined.")
  String join;

  @Option(names = "--cluster-name", description = "Cluster name (default tutti)")
  String clusterName;

  @Option(names = "--default-shards", description = "Shards of the default keyspace and of keyspaces created without a count (default 3)")
  Integer defaultShards;

  @Option(names = "--snapshot-threshold-entries",
      description = "Take a snapshot and compact the log every this many entries per shard (default 100000)")
  Long snapshotThresholdEntries;

  @Option(names = "--unsafe-local-reads", hidden = true, description = "DEBUG ONLY, BREAKS LINEARIZABILITY: answer "
      + "linearizable reads from this node's replica without asking the leader (stale reads). For proving that "
      + "tutti verify catches the violation.")
  boolean unsafeLocalReads;

  @Override
  public Integer call() throws Exception {
    ConfigLoader.Settings flags = new ConfigLoader.Settings();
    flags.nodeId = nodeId;
    flags.dataDir = dataDir;
    flags.clientAddress = clientAddress;
    flags.peerAddress = peerAddress;
    flags.initialMembers = initialMembers;
    flags.join = join;
    flags.clusterName = clusterName;
    flags.defaultShards = defaultShards;
    flags.snapshotThresholdEntries = snapshotThresholdEntries;
    flags.unsafeLocalReads = unsafeLocalReads ? Boolean.TRUE : null;
    NodeConfig nodeConfig = ConfigLoader.load(config, flags);
    NettyLeakDetection.offUnlessSet();
    TuttiNode node = TuttiNode.start(nodeConfig);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "shutdown"));
    System.out.printf("node %s of cluster %s: clients %s, peers %s, data %s%n", nodeConfig.nodeId(),
        node.clusterIdValue(), nodeConfig.clientAddress(), nodeConfig.peerAddress(),
        nodeConfig.dataDir().toAbsolutePath());
    if (nodeConfig.unsafeLocalReads()) {
      System.out.println("WARNING: --unsafe-local-reads: linearizable reads are served from the local replica and "
          + "may be stale. Never use this outside tutti verify.");
    }
    System.out.flush();
    stopped.await();
    return 0;
  }
}
