package io.tutti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevNodeJvmFlagsTest {
  @Test
  void nodesRunGenerationalZgcWithA512MibHeapByDefault() {
    assertThat(DevCommand.nodeJvmFlags(null, 25)).containsExactly("-Xmx512m", "-XX:+UseZGC");
    assertThat(DevCommand.nodeJvmFlags("  ", 23)).containsExactly("-Xmx512m", "-XX:+UseZGC");
    assertThat(DevCommand.nodeJvmFlags(null, 21)).containsExactly("-Xmx512m", "-XX:+UseZGC", "-XX:+ZGenerational");
  }

  @Test
  void extraFlagsComeLastSoTheyWin() {
    assertThat(DevCommand.nodeJvmFlags(" -Xmx1g   -Xlog:gc ", 25))
        .containsExactly("-Xmx512m", "-XX:+UseZGC", "-Xmx1g", "-Xlog:gc");
  }

  @Test
  void aCollectorChosenInTheExtraFlagsReplacesZgc() {
    assertThat(DevCommand.nodeJvmFlags("-XX:+UseG1GC -Xlog:gc", 21))
        .containsExactly("-Xmx512m", "-XX:+UseG1GC", "-Xlog:gc");
    assertThat(DevCommand.nodeJvmFlags("-XX:+UseSerialGC", 25)).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
  }

  /** The flags chosen for the JDK running this test are accepted by it: a node would not start otherwise. */
  @Test
  void theJdkRunningTheTestsAcceptsTheDefaultFlags() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(List.of(DevCommand.nodeJvmFlags(null, Runtime.version().feature())));
    command.add("-XX:+PrintFlagsFinal");
    command.add("-version");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("bool UseZGC\\s+= true");
    if (Runtime.version().feature() < 24) { // from JDK 24 ZGC has only its generational mode, and no such flag
      assertThat(output).containsPattern("bool ZGenerational\\s+= true");
    }
  }
}
