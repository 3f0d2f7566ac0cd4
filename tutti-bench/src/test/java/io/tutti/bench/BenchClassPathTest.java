package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One Netty on the class path. Armeria (the Tutti client), Lettuce and jetcd (through Vert.x and grpc-netty) each
 * bring Netty; the root pom pins every Netty artifact to Armeria's version with netty-bom. Two versions side by side
 * fail at run time in ways no compiler sees (a missing method deep in a pipeline), so this test reads every Netty jar's
 * own version file and fails naming them if they disagree. netty-tcnative has its own version line and is left out.
 */
class BenchClassPathTest {
  static final String VERSIONS_FILE = "META-INF/io.netty.versions.properties";

  @Test
  void everyNettyArtifactHasTheSameVersion() throws IOException {
    Map<String, Set<String>> jarsByVersion = new TreeMap<>();
    for (URL file : Collections.list(getClass().getClassLoader().getResources(VERSIONS_FILE))) {
      Properties properties = new Properties();
      try (InputStream in = file.openStream()) {
        properties.load(in);
      }
      String jar = file.getPath().replaceAll(".*/([^/]+\\.jar)!.*", "$1");
      for (String key : properties.stringPropertyNames()) {
        if (key.endsWith(".version") && !key.startsWith("netty-tcnative")) {
          jarsByVersion.computeIfAbsent(properties.getProperty(key), version -> new TreeSet<>()).add(jar);
        }
      }
    }

    assertThat(jarsByVersion).as("Netty jars by version").isNotEmpty();
    assertThat(jarsByVersion.keySet()).as("Netty versions on the class path, with their jars: %s", jarsByVersion)
        .hasSize(1);
    String version = jarsByVersion.keySet().iterator().next();
    // Netty's own view agrees: every artifact it identifies has that one version.
    assertThat(Version.identify()).allSatisfy((artifact, identified) -> {
      if (!artifact.startsWith("netty-tcnative")) {
        assertThat(identified.artifactVersion()).as(artifact).isEqualTo(version);
      }
    });
  }
}
