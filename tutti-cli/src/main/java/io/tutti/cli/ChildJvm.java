package io.tutti.cli;

import java.util.ArrayList;
import java.util.List;

/** The command line that starts another Tutti JVM (a node of {@code tutti dev}) like this one. */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java [flags] -cp <this class path> io.tutti.cli.TuttiMain}, ready for arguments. */
  public static List<String> command(String... jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(jvmFlags));
    // Tutti's own system properties (e.g. -Dtutti.ratis.log.level=DEBUG given to `tutti dev`) reach its nodes.
    System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("tutti.")).sorted()
        .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
    if (Runtime.version().feature() >= 24) {
      // RocksDB and Netty use native access and sun.misc.Unsafe; allow them without a warning per process.
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TuttiMain.class.getName());
    return command;
  }
}
