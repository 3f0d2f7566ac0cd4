package io.tutti.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
  @TempDir
  Path dir;

  @Test
  void writtenSnapshotReadsBackAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("snapshot.1_10");
    SnapshotFiles.writeAtomically(file, out -> out.writeUTF("state at index 10"));
    String read = SnapshotFiles.read(file, in -> in.readUTF());
    assertThat(read).isEqualTo("state at index 10");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("snapshot.1_10");
    }
  }

  @Test
  void failedWriteKeepsThePreviousSnapshotWhole() throws IOException {
    Path file = dir.resolve("snapshot");
    SnapshotFiles.writeAtomically(file, out -> out.writeUTF("old"));
    assertThatThrownBy(() -> SnapshotFiles.writeAtomically(file, out -> {
      out.writeUTF("new, half written");
      throw new IOException("disk full");
    })).hasMessageContaining("disk full");
    String read = SnapshotFiles.read(file, in -> in.readUTF());
    assertThat(read).isEqualTo("old");
  }

  @Test
  void flippedByteIsDetectedAsDamage() throws IOException {
    Path file = dir.resolve("snapshot");
    SnapshotFiles.writeAtomically(file, out -> out.write(new byte[1000]));
    byte[] bytes = Files.readAllBytes(file);
    bytes[500] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> SnapshotFiles.read(file, in -> in.readNBytes(1000)))
        .isInstanceOf(IOException.class).hasMessageContaining("damaged");
  }

  @Test
  void truncatedFileIsDetected() throws IOException {
    Path file = dir.resolve("snapshot");
    SnapshotFiles.writeAtomically(file, out -> out.write(new byte[1000]));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
    assertThatThrownBy(() -> SnapshotFiles.read(file, in -> in.readNBytes(1000)))
        .isInstanceOf(IOException.class).hasMessageContaining("truncated");
  }
}
