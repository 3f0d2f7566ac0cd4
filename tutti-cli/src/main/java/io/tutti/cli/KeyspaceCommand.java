package io.tutti.cli;

import io.tutti.client.KeyspaceInfo;
import io.tutti.client.TuttiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tutti keyspace}: create, list and drop keyspaces. */
@Command(name = "keyspace", mixinStandardHelpOptions = true, description = "Manage keyspaces.",
    subcommands = {KeyspaceCommand.Create.class, KeyspaceCommand.ListKeyspaces.class, KeyspaceCommand.Drop.class})
final class KeyspaceCommand {
  private KeyspaceCommand() {}

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a keyspace.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--mode", paramLabel = "cp|ap", description = "Side of CAP (default cp)") String mode = "";
    @Option(names = "--shards", paramLabel = "N", description = "Hash shards (default: the server's)") int shards;
    @Option(names = "--replicas", paramLabel = "N", description = "Replicas per shard (default: 3, at most the "
        + "number of nodes)") int replicas;

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        KeyspaceInfo created = tutti.createKeyspace(name, mode, shards, replicas);
        spec.commandLine().getOut().printf("created keyspace %s (%s, %d shards, %d replicas)%n", created.name(),
            created.mode(), created.shards(), created.replicas());
        return 0;
      }
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List keyspaces.")
  static final class ListKeyspaces implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        Table table = new Table("NAME", "MODE", "SHARDS", "REPLICAS");
        tutti.listKeyspaces().forEach(k -> table.row(k.name(), k.mode(), k.shards(), k.replicas()));
        table.print(spec.commandLine().getOut());
        return 0;
      }
    }
  }

  @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a keyspace and all its keys.")
  static final class Drop implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        tutti.dropKeyspace(name);
        spec.commandLine().getOut().printf("dropped keyspace %s%n", name);
        return 0;
      }
    }
  }
}
