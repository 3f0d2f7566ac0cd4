package io.tutti.server.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import io.tutti.server.storage.SnapshotFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code data/node.json}: which cluster and which node a data directory belongs to. A node refuses to start on a
 * data directory of another cluster or another node id. Written once, atomically, when the node first starts.
 * {@code metadataVoters} (node id to peer address) is set only for a node that joined a formed cluster: it is not a
 * voter of the metadata group, and this is how it finds the group after a restart.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record NodeIdentity(@JsonProperty("clusterId") String clusterId, @JsonProperty("nodeId") String nodeId,
    @JsonProperty("metadataVoters") java.util.Map<String, String> metadataVoters) {
  public static final String FILE_NAME = "node.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The identity stored in {@code dataDir}, or null when the directory holds none (a new node). */
  public static NodeIdentity read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      NodeIdentity identity = JSON.readValue(file.toFile(), NodeIdentity.class);
      if (identity.clusterId() == null || identity.nodeId() == null) {
        throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "%s is incomplete; refusing to start", file);
      }
      return identity;
    } catch (IOException e) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "%s is unreadable (%s); refusing to start", file,
          e.getClass().getSimpleName());
    }
  }

  /** Fails unless a stored identity matches what this node was started as. */
  public void checkMatches(Path dataDir, String expectedClusterId, String expectedNodeId) {
    if (expectedClusterId != null && !clusterId.equals(expectedClusterId)) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
          "data directory %s belongs to cluster '%s', not '%s' (check --cluster-name and --initial-members)",
          dataDir, clusterId, expectedClusterId);
    }
    if (!nodeId.equals(expectedNodeId)) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "data directory %s belongs to node '%s', not '%s'",
          dataDir, nodeId, expectedNodeId);
    }
  }

  public void write(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path temp = dataDir.resolve(FILE_NAME + ".tmp");
    Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temp, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    SnapshotFiles.fsyncDirectory(dataDir);
  }
}
