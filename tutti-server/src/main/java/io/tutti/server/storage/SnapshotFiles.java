package io.tutti.server.storage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Snapshot files, written atomically (temp file, fsync, rename, fsync of the directory) and checksummed (CRC32C
 * trailer), so that a crash leaves either the old snapshot or the complete new one, and a damaged file is detected.
 *
 * <p>Format: magic {@code TSNP}, format version (int), then the body the caller writes, then the CRC32C of
 * everything before it (long).
 */
public final class SnapshotFiles {
  private static final int MAGIC = 0x54534E50; // "TSNP"
  private static final int FORMAT = 1;

  private SnapshotFiles() {}

  /** Writes a body. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads a body. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(DataInputStream in) throws IOException;
  }

  public static void writeAtomically(Path target, BodyWriter body) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temp = directory.resolve(target.getFileName() + ".tmp");
    CRC32C crc = new CRC32C();
    try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
         CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc);
         DataOutputStream out = new DataOutputStream(checked)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      body.write(out);
      out.flush();
      long sum = crc.getValue();
      out.writeLong(sum);
    }
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(directory);
  }

  public static <T> T read(Path source, BodyReader<T> body) throws IOException {
    CRC32C crc = new CRC32C();
    try (InputStream file = Files.newInputStream(source);
         CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(file, 1 << 16), crc);
         DataInputStream in = new DataInputStream(checked)) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a Tutti snapshot file: " + source);
      }
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IOException("snapshot " + source + " has unknown format " + format);
      }
      T result = body.read(in);
      long expected = crc.getValue();
      long stored = in.readLong();
      if (stored != expected) {
        throw new IOException("snapshot " + source + " is damaged: checksum mismatch");
      }
      if (in.read() != -1) {
        throw new IOException("snapshot " + source + " has trailing bytes");
      }
      return result;
    } catch (EOFException e) {
      throw new IOException("snapshot " + source + " is truncated", e);
    }
  }

  /** Makes a rename or create inside {@code directory} durable. */
  public static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
