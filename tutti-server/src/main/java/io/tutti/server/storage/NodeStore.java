package io.tutti.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The node's one RocksDB, shared by every shard replica on the node (as TiKV shares one engine among its regions).
 * Each shard's data lives under a 16-byte prefix, its Raft group id ({@link ShardStore}).
 *
 * <p>The WAL is off for every write: the Raft log is the write-ahead log, and each shard stores its applied index in
 * the same write batch as the data, so after a crash RocksDB holds a prefix of the applied writes and the shard
 * replays the Raft log from its stored applied index. One fsync per write batch: the Raft log's.
 */
public final class NodeStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final Options options;
  private final LRUCache blockCache;
  private final WriteOptions writeOptions;

  private NodeStore(RocksDB db, Options options, LRUCache blockCache) {
    this.db = db;
    this.options = options;
    this.blockCache = blockCache;
    this.writeOptions = new WriteOptions().setDisableWAL(true);
  }

  public static NodeStore open(Path directory, long blockCacheBytes) throws IOException {
    Files.createDirectories(directory);
    LRUCache cache = new LRUCache(blockCacheBytes);
    Options options = new Options()
        .setCreateIfMissing(true)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(32L * 1024 * 1024)
        .setMaxWriteBufferNumber(3)
        .setMaxBackgroundJobs(2)
        // A bloom filter over whole keys in the memtable: every write first looks up its request id in the dedup
        // records, which is nearly always a miss; without the filter each miss walks the memtable's skip list.
        .setMemtablePrefixBloomSizeRatio(0.05)
        .setMemtableWholeKeyFiltering(true)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(
            new org.rocksdb.BloomFilter(10, false)));
    try {
      return new NodeStore(RocksDB.open(options, directory.toString()), options, cache);
    } catch (RocksDBException e) {
      options.close();
      cache.close();
      throw new IOException("cannot open RocksDB at " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The view of one shard replica's data. */
  public ShardStore shard(UUID groupId) {
    return new ShardStore(this, groupId);
  }

  RocksDB db() {
    return db;
  }

  WriteOptions writeOptions() {
    return writeOptions;
  }

  /** Flushes memtables to SST files and syncs them. */
  public void flush() throws IOException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
    } catch (RocksDBException e) {
      throw new IOException("RocksDB flush failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    writeOptions.close();
    db.close();
    options.close();
    blockCache.close();
  }
}
