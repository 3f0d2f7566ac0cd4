package io.tutti.server.storage;

import io.tutti.core.check.Check;
import io.tutti.core.kv.KvCodec;
import io.tutti.core.kv.KvEntry;
import io.tutti.core.kv.KvItem;
import io.tutti.core.kv.KvReader;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.RequestId;
import io.tutti.core.kv.ScanPage;
import io.tutti.core.kv.StorageWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.rocksdb.Holder;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;

/**
 * One shard replica's data inside the node's RocksDB. Layout, all under the 16-byte group id prefix {@code G}:
 * <pre>
 *   G 'a'                                  applied position: term, index, replicated time (8 bytes each)
 *   G 'd' key                              a stored entry: version (8 bytes) then the value
 *   G 'r' bucket client-hi client-lo seq   dedup record: the result of a request id (8 bytes each)
 *   G 'x'                                  present once the shard is retired (its keyspace was dropped)
 * </pre>
 * Every apply is one atomic write batch holding the data changes and the new applied position.
 */
public final class ShardStore implements KvReader {
  private static final byte APPLIED = 'a';
  private static final byte DATA = 'd';
  private static final byte RESULTS = 'r';
  private static final byte RETIRED = 'x';

  private final NodeStore node;
  private final byte[] prefix;

  ShardStore(NodeStore node, UUID groupId) {
    this.node = node;
    this.prefix = ByteBuffer.allocate(16)
        .putLong(groupId.getMostSignificantBits()).putLong(groupId.getLeastSignificantBits()).array();
  }

  private byte[] key(byte kind, byte[] suffix) {
    byte[] out = Arrays.copyOf(prefix, 17 + suffix.length);
    out[16] = kind;
    System.arraycopy(suffix, 0, out, 17, suffix.length);
    return out;
  }

  private byte[] resultKey(long bucket, RequestId id) {
    return key(RESULTS, ByteBuffer.allocate(32).putLong(bucket).putLong(id.clientHigh()).putLong(id.clientLow())
        .putLong(id.sequence()).array());
  }

  public AppliedPosition readApplied() throws IOException {
    byte[] bytes = getRaw(key(APPLIED, new byte[0]));
    if (bytes == null) {
      return AppliedPosition.NONE;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    return new AppliedPosition(in.getLong(), in.getLong(), in.getLong());
  }

  public boolean isRetired() throws IOException {
    return getRaw(key(RETIRED, new byte[0])) != null;
  }

  private byte[] getRaw(byte[] key) throws IOException {
    try {
      return node.db().get(key);
    } catch (RocksDBException e) {
      throw new IOException("RocksDB read failed: " + e.getMessage(), e);
    }
  }

  /**
   * {@link #getRaw} for a key that is nearly always absent, such as a new request id among the recorded results.
   * RocksDB's JNI {@code get} reports an absent key by throwing and catching a C++ exception, which costs more than
   * the lookup; {@code keyMayExist} answers "absent" from the bloom filters without it, and hands back a value it
   * finds in memory. For a present key it costs more than a plain get (ShardStoreReadBenchmark), hence only here.
   */
  private byte[] getUsuallyAbsent(byte[] key) throws IOException {
    Holder<byte[]> inMemory = new Holder<>();
    if (!node.db().keyMayExist(key, inMemory)) {
      return null;
    }
    return inMemory.getValue() != null ? inMemory.getValue() : getRaw(key);
  }

  @Override
  public KvEntry get(byte[] key) {
    try {
      byte[] bytes = getRaw(key(DATA, key));
      return bytes == null ? null : KvCodec.decodeEntry(bytes);
    } catch (IOException e) {
      throw new StorageException(e);
    }
  }

  @Override
  public KvResult appliedResult(long bucket, RequestId requestId) {
    try {
      byte[] bytes = getUsuallyAbsent(resultKey(bucket, requestId));
      return bytes == null ? null : KvCodec.decodeResult(bytes);
    } catch (IOException e) {
      throw new StorageException(e);
    }
  }

  /** Persists the writes of one applied entry and the new applied position, atomically. */
  public void commit(List<StorageWrite> writes, AppliedPosition position) throws IOException {
    try (WriteBatch batch = new WriteBatch()) {
      for (StorageWrite write : writes) {
        switch (write) {
          case StorageWrite.PutEntry put -> batch.put(key(DATA, put.key()), KvCodec.encodeEntry(put.entry()));
          case StorageWrite.DeleteEntry delete -> batch.delete(key(DATA, delete.key()));
          case StorageWrite.RecordResult record ->
              batch.put(resultKey(record.bucket(), record.requestId()), KvCodec.encodeResult(record.result()));
          case StorageWrite.ForgetResultsBefore forget -> batch.deleteRange(key(RESULTS, new byte[0]),
              key(RESULTS, ByteBuffer.allocate(8).putLong(forget.bucket()).array()));
          case StorageWrite.MarkRetired retire -> batch.put(key(RETIRED, new byte[0]), new byte[0]);
        }
      }
      batch.put(key(APPLIED, new byte[0]), encodeApplied(position));
      node.db().write(node.writeOptions(), batch);
    } catch (RocksDBException e) {
      throw new IOException("RocksDB write failed: " + e.getMessage(), e);
    }
  }

  private static byte[] encodeApplied(AppliedPosition position) {
    return ByteBuffer.allocate(24).putLong(position.term()).putLong(position.index()).putLong(position.timeMs())
        .array();
  }

  /**
   * Up to {@code limit} entries with keys starting with {@code keyPrefix} and greater than {@code after}, stopping
   * early (with more to come) once the page holds {@code byteBudget} bytes of keys and values.
   */
  public ScanPage scan(byte[] keyPrefix, byte[] after, int limit, long byteBudget) {
    byte[] lower = key(DATA, keyPrefix);
    byte[] upper = upperBound(key(DATA, keyPrefix));
    List<KvItem> items = new ArrayList<>(Math.min(limit, 1024));
    boolean more = false;
    long bytes = 0;
    try (Slice upperSlice = upper == null ? null : new Slice(upper);
         ReadOptions options = new ReadOptions();
         RocksIterator it = node.db().newIterator(upperSlice == null ? options
             : options.setIterateUpperBound(upperSlice))) {
      if (after != null && after.length > 0 && Arrays.compareUnsigned(after, keyPrefix) >= 0) {
        byte[] start = key(DATA, after);
        it.seek(start);
        if (it.isValid() && Arrays.equals(it.key(), start)) {
          it.next();
        }
      } else {
        it.seek(lower);
      }
      for (; it.isValid(); it.next()) {
        if (items.size() == limit || bytes >= byteBudget) {
          more = true;
          break;
        }
        byte[] fullKey = it.key();
        byte[] userKey = Arrays.copyOfRange(fullKey, 17, fullKey.length);
        KvEntry entry = KvCodec.decodeEntry(it.value());
        items.add(new KvItem(userKey, entry.value(), entry.version()));
        bytes += userKey.length + entry.value().length;
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException(new IOException("RocksDB scan failed: " + e.getMessage(), e));
    }
    return new ScanPage(items, more);
  }

  /** The smallest key greater than every key that starts with {@code bytes}, or null if there is none. */
  static byte[] upperBound(byte[] bytes) {
    byte[] out = bytes.clone();
    for (int i = out.length - 1; i >= 0; i--) {
      if (out[i] != (byte) 0xFF) {
        out[i]++;
        return Arrays.copyOf(out, i + 1);
      }
    }
    return null;
  }

  /**
   * Calls {@code consumer} with every record of this shard (key relative to the group prefix, value), as of one
   * consistent RocksDB snapshot. Used to write state-machine snapshots.
   */
  public void forEachRecord(BiConsumer<byte[], byte[]> consumer) throws IOException {
    Snapshot snapshot = node.db().getSnapshot();
    byte[] upper = upperBound(prefix);
    Check.state(upper != null, "group prefix has no upper bound");
    try (Slice upperSlice = new Slice(upper);
         ReadOptions options = new ReadOptions().setSnapshot(snapshot).setIterateUpperBound(upperSlice);
         RocksIterator it = node.db().newIterator(options)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] fullKey = it.key();
        consumer.accept(Arrays.copyOfRange(fullKey, 16, fullKey.length), it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw new IOException("RocksDB iteration failed: " + e.getMessage(), e);
    } finally {
      node.db().releaseSnapshot(snapshot);
    }
  }

  /** Writes one record read back from a snapshot (key relative to the group prefix). */
  public void putRecords(List<byte[][]> records) throws IOException {
    try (WriteBatch batch = new WriteBatch()) {
      for (byte[][] record : records) {
        byte[] full = Arrays.copyOf(prefix, 16 + record[0].length);
        System.arraycopy(record[0], 0, full, 16, record[0].length);
        batch.put(full, record[1]);
      }
      node.db().write(node.writeOptions(), batch);
    } catch (RocksDBException e) {
      throw new IOException("RocksDB write failed: " + e.getMessage(), e);
    }
  }

  /** Removes every record of this shard, including its applied position. */
  public void deleteAll() throws IOException {
    byte[] upper = upperBound(prefix);
    try (WriteBatch batch = new WriteBatch()) {
      batch.deleteRange(prefix, upper);
      node.db().write(node.writeOptions(), batch);
    } catch (RocksDBException e) {
      throw new IOException("RocksDB delete failed: " + e.getMessage(), e);
    }
  }

  /** The applied-position record (key relative to the group prefix, value), as stored in snapshots. */
  public static byte[][] appliedRecord(AppliedPosition position) {
    return new byte[][] {{APPLIED}, encodeApplied(position)};
  }

  /** Whether a relative record key is the applied-position record. */
  public static boolean isAppliedRecord(byte[] relativeKey) {
    return relativeKey.length == 1 && relativeKey[0] == APPLIED;
  }

  /** An I/O failure inside a read callback; the caller treats it as a storage fault. */
  public static final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
