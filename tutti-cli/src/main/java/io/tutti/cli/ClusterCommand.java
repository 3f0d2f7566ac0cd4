package io.tutti.cli;

import io.tutti.client.ClusterInfo;
import io.tutti.client.TuttiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tutti cluster}: what the cluster looks like from one node. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Inspect the cluster.",
    subcommands = ClusterCommand.Status.class)
final class ClusterCommand {
  private ClusterCommand() {}

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Print members and every shard's leader and replicas.")
  static final class Status implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        ClusterInfo status = tutti.clusterStatus();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("cluster %s (answered by %s, metadata leader %s)%n%n", status.clusterId(), status.answeredBy(),
            orNone(status.metadataLeader()));
        Table members = new Table("NODE", "CLIENT-ADDRESS", "LIVE");
        status.members().forEach(m -> members.row(m.nodeId(), m.clientAddress(), m.live() ? "yes" : "NO"));
        members.print(out);
        out.println();
        Table shards = new Table("KEYSPACE", "SHARD", "LEADER", "REPLICAS", "REVISION");
        status.shards().forEach(s -> shards.row(s.keyspace(), s.shard(), orNone(s.leader()),
            String.join(",", s.replicas()), s.revision() == 0 ? "-" : s.revision()));
        shards.print(out);
        return 0;
      }
    }

    private static String orNone(String nodeId) {
      return nodeId.isEmpty() ? "(none)" : nodeId;
    }
  }
}
