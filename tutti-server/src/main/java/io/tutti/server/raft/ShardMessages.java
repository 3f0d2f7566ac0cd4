package io.tutti.server.raft;

import io.tutti.core.codec.ByteReader;
import io.tutti.core.codec.ByteWriter;
import io.tutti.core.kv.KvItem;
import io.tutti.core.kv.ScanPage;
import java.util.ArrayList;
import java.util.List;

/**
 * Read requests and replies exchanged with a key-value shard's state machine through Ratis (node to node).
 * Writes travel as {@link io.tutti.core.kv.KvCodec} commands and come back as encoded results.
 */
public final class ShardMessages {
  private static final int GET = 1;
  private static final int SCAN = 2;
  private static final int MULTI_GET = 3;
  /** The most keys one {@link Read.MultiGet} may ask for. */
  public static final int MULTI_GET_KEYS_MAX = 4096;
  private static final int REPLY_OK = 0;
  private static final int REPLY_RETIRED = 1;

  private ShardMessages() {}

  /** A read against one shard. */
  public sealed interface Read {
    record Get(byte[] key) implements Read {}

    record Scan(byte[] prefix, byte[] after, int limit) implements Read {}

    /** Several gets answered from the same state, after one ReadIndex; the reply holds a get reply per key. */
    record MultiGet(List<byte[]> keys) implements Read {}
  }

  /** The answer to a {@link Read.Get}: {@code value} is null when the key is absent. */
  public record GetReply(byte[] value, long version, long revision) {}

  /** The answer to a {@link Read.Scan}. */
  public record ScanReply(ScanPage page, long revision) {}

  public static byte[] encodeRead(Read read) {
    return switch (read) {
      case Read.Get get -> new ByteWriter(get.key().length + 8).writeByte(GET).writeBytes(get.key()).toByteArray();
      case Read.Scan scan -> new ByteWriter(scan.prefix().length + scan.after().length + 16).writeByte(SCAN)
          .writeBytes(scan.prefix()).writeBytes(scan.after()).writeVarLong(scan.limit()).toByteArray();
      case Read.MultiGet multi -> {
        ByteWriter out = new ByteWriter(16 + multi.keys().stream().mapToInt(key -> key.length + 5).sum())
            .writeByte(MULTI_GET).writeVarLong(multi.keys().size());
        multi.keys().forEach(out::writeBytes);
        yield out.toByteArray();
      }
    };
  }

  public static Read decodeRead(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int tag = in.readByte();
    Read read = switch (tag) {
      case GET -> new Read.Get(in.readBytes());
      case SCAN -> new Read.Scan(in.readBytes(), in.readBytes(), in.readVarInt());
      case MULTI_GET -> {
        long count = in.readVarLong();
        if (count < 1 || count > MULTI_GET_KEYS_MAX) {
          throw new ByteReader.MalformedException("multi-get of " + count + " keys");
        }
        List<byte[]> keys = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
          keys.add(in.readBytes());
        }
        yield new Read.MultiGet(keys);
      }
      default -> throw new ByteReader.MalformedException("unknown read tag " + tag);
    };
    in.expectEnd();
    return read;
  }

  /** The answer of a retired shard to any read: its keyspace was dropped. */
  public static byte[] encodeRetiredReply() {
    return new byte[] {REPLY_RETIRED};
  }

  public static boolean isRetiredReply(byte[] reply) {
    return reply.length == 1 && reply[0] == REPLY_RETIRED;
  }

  private static void expectOk(ByteReader in) {
    int status = in.readByte();
    if (status != REPLY_OK) {
      throw new ByteReader.MalformedException("reply status " + status + " where data was expected");
    }
  }

  public static byte[] encodeGetReply(GetReply reply) {
    ByteWriter out = new ByteWriter(32 + (reply.value() == null ? 0 : reply.value().length));
    out.writeByte(REPLY_OK).writeBoolean(reply.value() != null);
    if (reply.value() != null) {
      out.writeVarLong(reply.version()).writeBytes(reply.value());
    }
    return out.writeVarLong(reply.revision()).toByteArray();
  }

  public static GetReply decodeGetReply(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    expectOk(in);
    GetReply reply;
    if (in.readBoolean()) {
      long version = in.readVarLong();
      byte[] value = in.readBytes();
      reply = new GetReply(value, version, in.readVarLong());
    } else {
      reply = new GetReply(null, 0, in.readVarLong());
    }
    in.expectEnd();
    return reply;
  }

  /** The answer to a {@link Read.MultiGet}: each key's encoded {@link GetReply}, in order. */
  public static byte[] encodeMultiGetReply(List<GetReply> replies) {
    List<byte[]> encoded = replies.stream().map(ShardMessages::encodeGetReply).toList();
    ByteWriter out = new ByteWriter(16 + encoded.stream().mapToInt(bytes -> bytes.length + 5).sum())
        .writeByte(REPLY_OK).writeVarLong(encoded.size());
    encoded.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** Each key's encoded {@link GetReply} (for {@link #decodeGetReply}), in the order of the keys. */
  public static List<byte[]> decodeMultiGetReply(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    expectOk(in);
    long count = in.readVarLong();
    if (count < 0 || count > MULTI_GET_KEYS_MAX) {
      throw new ByteReader.MalformedException("multi-get reply of " + count + " keys");
    }
    List<byte[]> replies = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      replies.add(in.readBytes());
    }
    in.expectEnd();
    return replies;
  }

  public static byte[] encodeScanReply(ScanReply reply) {
    ByteWriter out = new ByteWriter(1024);
    out.writeByte(REPLY_OK).writeVarLong(reply.page().items().size());
    for (KvItem item : reply.page().items()) {
      out.writeBytes(item.key()).writeBytes(item.value()).writeVarLong(item.version());
    }
    return out.writeBoolean(reply.page().hasMore()).writeVarLong(reply.revision()).toByteArray();
  }

  public static ScanReply decodeScanReply(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    expectOk(in);
    int count = in.readVarInt();
    List<KvItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(new KvItem(in.readBytes(), in.readBytes(), in.readVarLong()));
    }
    boolean more = in.readBoolean();
    ScanReply reply = new ScanReply(new ScanPage(items, more), in.readVarLong());
    in.expectEnd();
    return reply;
  }
}
