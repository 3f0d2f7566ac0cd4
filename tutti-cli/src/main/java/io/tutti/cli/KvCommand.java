package io.tutti.cli;

import io.tutti.client.DeleteResult;
import io.tutti.client.GetResult;
import io.tutti.client.Item;
import io.tutti.client.PutResult;
import io.tutti.client.ScanPage;
import io.tutti.client.TuttiClient;
import io.tutti.client.TuttiClientException;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.read.Consistency;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tutti kv}: put, get, del and scan keys through the Java client. Keys and values are UTF-8 text. */
@Command(name = "kv", mixinStandardHelpOptions = true, description = "Read and write keys.",
    subcommands = {KvCommand.Put.class, KvCommand.Get.class, KvCommand.Del.class, KvCommand.Scan.class})
final class KvCommand {
  private KvCommand() {}

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Write a key (optionally compare-and-set).")
  static final class Put implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "KEYSPACE") String keyspace;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Parameters(index = "2", paramLabel = "VALUE") String value;
    @ArgGroup(exclusive = true) Condition condition;

    static final class Condition {
      @Option(names = "--if-version", paramLabel = "N", description = "Only if the key has exactly this version")
      Long version;
      @Option(names = "--if-absent", description = "Only if the key does not exist") boolean absent;
    }

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        PutResult result = condition == null ? tutti.put(keyspace, key, value)
            : condition.absent ? tutti.putIfAbsent(keyspace, key, value)
            : tutti.putIfVersion(keyspace, key, value, condition.version);
        spec.commandLine().getOut().printf("version %d (revision %d, served by %s)%nsession %s%n", result.version(),
            result.revision(), result.servedBy(), tutti.sessionToken());
        return 0;
      }
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a key's value.")
  static final class Get implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "KEYSPACE") String keyspace;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = {"-v", "--verbose"},
        description = "Also print version, revision, the serving node, the level served and the session token")
    boolean verbose;
    @Option(names = "--consistency", paramLabel = "LEVEL", converter = ClientOptions.ConsistencyConverter.class,
        defaultValue = "linearizable",
        description = "linearizable (default), session, bounded;ms=N or eventual (see docs/consistency.md)")
    Consistency consistency;

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        GetResult result = tutti.get(keyspace, key, consistency);
        if (!result.found()) {
          throw new TuttiClientException(ErrorCode.NOT_FOUND,
              String.format("key '%s' does not exist in keyspace '%s'", key, keyspace), false);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.valueAsString());
        if (verbose) {
          out.printf("version %d, revision %d, served by %s at %s%nsession %s%n", result.version(),
              result.revision(), result.servedBy(), result.servedAt(), tutti.sessionToken());
        }
        return 0;
      }
    }
  }

  @Command(name = "del", aliases = "delete", mixinStandardHelpOptions = true, description = "Delete a key.")
  static final class Del implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "KEYSPACE") String keyspace;
    @Parameters(index = "1", paramLabel = "KEY") String key;
    @Option(names = "--if-version", paramLabel = "N", description = "Only if the key has exactly this version")
    Long version;

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        DeleteResult result = version == null ? tutti.delete(keyspace, key)
            : tutti.deleteIfVersion(keyspace, key, version);
        spec.commandLine().getOut().printf("%s (revision %d, served by %s)%nsession %s%n",
            result.existed() ? "deleted" : "no such key, nothing deleted", result.revision(), result.servedBy(),
            tutti.sessionToken());
        return 0;
      }
    }
  }

  @Command(name = "scan", mixinStandardHelpOptions = true,
      description = "Print keys in byte order as KEY<TAB>VALUE lines.")
  static final class Scan implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "KEYSPACE") String keyspace;
    @Option(names = "--prefix", paramLabel = "P", description = "Only keys starting with P") String prefix = "";
    @Option(names = "--after", paramLabel = "K", description = "Start after key K") String after = "";
    @Option(names = "--limit", paramLabel = "N", description = "Page size (default: the server's, 1000)")
    int limit;
    @Option(names = "--all", description = "Fetch every page, not just the first") boolean all;
    @Option(names = "--consistency", paramLabel = "LEVEL", converter = ClientOptions.ConsistencyConverter.class,
        defaultValue = "linearizable",
        description = "linearizable (default), session, bounded;ms=N or eventual, for each shard")
    Consistency consistency;

    @Override
    public Integer call() {
      try (TuttiClient tutti = client.connect()) {
        PrintWriter out = spec.commandLine().getOut();
        byte[] from = after.getBytes(StandardCharsets.UTF_8);
        do {
          ScanPage page = tutti.scan(keyspace, prefix.getBytes(StandardCharsets.UTF_8), from, limit, consistency);
          for (Item item : page.items()) {
            out.println(item.keyAsString() + "\t" + item.valueAsString());
          }
          out.flush();
          if (page.hasMore() && !all) {
            spec.commandLine().getErr().printf("(more keys: continue with --after '%s', or use --all)%n",
                new String(page.next(), StandardCharsets.UTF_8));
          }
          from = page.next();
        } while (all && from != null);
        return 0;
      }
    }
  }
}
