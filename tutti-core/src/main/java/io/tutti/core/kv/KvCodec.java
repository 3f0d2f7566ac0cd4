package io.tutti.core.kv;

import io.tutti.core.codec.ByteReader;
import io.tutti.core.codec.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encodings of key-value commands (Raft log entries), results (dedup records and replies) and stored
 * entries. Each starts with a tag byte; decoding rejects unknown tags, truncation and trailing bytes.
 */
public final class KvCodec {
  private static final int PUT = 1;
  private static final int DELETE = 2;
  private static final int RETIRE = 3;
  /** A batch: several commands in one log entry, applied in order (see {@link KvStateMachine#applyBatch}). */
  private static final int BATCH = 4;
  private static final int ALWAYS = 0;
  private static final int VERSION_EQUALS = 1;
  private static final int ABSENT = 2;
  private static final int WRITTEN = 1;
  private static final int DELETED = 2;
  private static final int CONDITION_FAILED = 3;
  private static final int RETIRED = 4;
  private static final int RESULTS = 5;
  /** The most commands one batch may hold. */
  public static final int BATCH_COMMANDS_MAX = 4096;

  private KvCodec() {}

  public static byte[] encodeCommand(KvCommand command) {
    ByteWriter out = new ByteWriter(command.key().length + 64
        + (command instanceof KvCommand.Put put ? put.value().length : 0));
    switch (command) {
      case KvCommand.Put put -> {
        out.writeByte(PUT);
        writeCommon(out, put);
        out.writeBytes(put.value());
      }
      case KvCommand.Delete delete -> {
        out.writeByte(DELETE);
        writeCommon(out, delete);
      }
      case KvCommand.Retire retire -> {
        out.writeByte(RETIRE);
        writeCommon(out, retire);
      }
    }
    return out.toByteArray();
  }

  private static void writeCommon(ByteWriter out, KvCommand command) {
    RequestId id = command.requestId();
    out.writeLong(id.clientHigh()).writeLong(id.clientLow()).writeVarLong(id.sequence());
    switch (command.condition()) {
      case Condition.Always always -> out.writeByte(ALWAYS);
      case Condition.VersionEquals equals -> out.writeByte(VERSION_EQUALS).writeVarLong(equals.version());
      case Condition.Absent absent -> out.writeByte(ABSENT);
    }
    out.writeBytes(command.key());
  }

  /**
   * Several already-encoded commands as one log entry. Each element must be the output of
   * {@link #encodeCommand(KvCommand)} of a put or a delete.
   */
  public static byte[] encodeBatch(List<byte[]> encodedCommands) {
    int size = 8;
    for (byte[] command : encodedCommands) {
      size += command.length + 5;
    }
    ByteWriter out = new ByteWriter(size).writeByte(BATCH).writeVarLong(encodedCommands.size());
    for (byte[] command : encodedCommands) {
      out.writeBytes(command);
    }
    return out.toByteArray();
  }

  /** Whether {@code entry} (an encoded command or batch) is a batch. */
  public static boolean isBatch(byte[] entry) {
    return entry.length > 0 && entry[0] == BATCH;
  }

  /** The commands of a batch, in order; each is a put or a delete. */
  public static List<KvCommand> decodeBatch(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    if (in.readByte() != BATCH) {
      throw new ByteReader.MalformedException("not a batch");
    }
    long count = in.readVarLong();
    if (count < 1 || count > BATCH_COMMANDS_MAX) {
      throw new ByteReader.MalformedException("batch of " + count + " commands");
    }
    List<KvCommand> commands = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      KvCommand command = decodeCommand(in.readBytes());
      if (command instanceof KvCommand.Retire) {
        throw new ByteReader.MalformedException("retire inside a batch");
      }
      commands.add(command);
    }
    in.expectEnd();
    return commands;
  }

  public static KvCommand decodeCommand(byte[] bytes) {
    return decodeCommand(new ByteReader(bytes));
  }

  public static KvCommand decodeCommand(ByteReader in) {
    int tag = in.readByte();
    RequestId id = new RequestId(in.readLong(), in.readLong(), in.readVarLong());
    Condition condition = switch (in.readByte()) {
      case ALWAYS -> Condition.ALWAYS;
      case VERSION_EQUALS -> new Condition.VersionEquals(in.readVarLong());
      case ABSENT -> Condition.ABSENT;
      default -> throw new ByteReader.MalformedException("unknown condition tag");
    };
    byte[] key = in.readBytes();
    KvCommand command = switch (tag) {
      case PUT -> new KvCommand.Put(key, in.readBytes(), condition, id);
      case DELETE -> new KvCommand.Delete(key, condition, id);
      case RETIRE -> {
        if (key.length != 0 || !(condition instanceof Condition.Always)) {
          throw new ByteReader.MalformedException("retire with a key or a condition");
        }
        yield new KvCommand.Retire(id);
      }
      default -> throw new ByteReader.MalformedException("unknown command tag " + tag);
    };
    in.expectEnd();
    return command;
  }

  public static byte[] encodeResult(KvResult result) {
    ByteWriter out = new ByteWriter(24);
    switch (result) {
      case KvResult.Written written -> out.writeByte(WRITTEN).writeVarLong(written.version());
      case KvResult.Deleted deleted -> out.writeByte(DELETED).writeBoolean(deleted.existed());
      case KvResult.ConditionFailed failed -> out.writeByte(CONDITION_FAILED).writeVarLong(failed.currentVersion());
      case KvResult.Retired retired -> out.writeByte(RETIRED);
    }
    out.writeVarLong(result.revision());
    return out.toByteArray();
  }

  /** The results of a batch, in the order of its commands. */
  public static byte[] encodeResults(List<KvResult> results) {
    ByteWriter out = new ByteWriter(8 + 24 * results.size()).writeByte(RESULTS).writeVarLong(results.size());
    for (KvResult result : results) {
      out.writeBytes(encodeResult(result));
    }
    return out.toByteArray();
  }

  public static List<KvResult> decodeResults(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    if (in.readByte() != RESULTS) {
      throw new ByteReader.MalformedException("not a list of results");
    }
    long count = in.readVarLong();
    if (count < 0 || count > BATCH_COMMANDS_MAX) {
      throw new ByteReader.MalformedException(count + " results");
    }
    List<KvResult> results = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      results.add(decodeResult(in.readBytes()));
    }
    in.expectEnd();
    return results;
  }

  public static KvResult decodeResult(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int tag = in.readByte();
    KvResult result = switch (tag) {
      case WRITTEN -> {
        long version = in.readVarLong();
        yield new KvResult.Written(version, in.readVarLong());
      }
      case DELETED -> {
        boolean existed = in.readBoolean();
        yield new KvResult.Deleted(existed, in.readVarLong());
      }
      case CONDITION_FAILED -> {
        long current = in.readVarLong();
        yield new KvResult.ConditionFailed(current, in.readVarLong());
      }
      case RETIRED -> new KvResult.Retired(in.readVarLong());
      default -> throw new ByteReader.MalformedException("unknown result tag " + tag);
    };
    in.expectEnd();
    return result;
  }

  /** A stored entry: 8-byte version, then the value bytes. */
  public static byte[] encodeEntry(KvEntry entry) {
    byte[] out = new byte[8 + entry.value().length];
    long v = entry.version();
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (56 - 8 * i));
    }
    System.arraycopy(entry.value(), 0, out, 8, entry.value().length);
    return out;
  }

  public static KvEntry decodeEntry(byte[] bytes) {
    if (bytes.length < 8) {
      throw new ByteReader.MalformedException("stored entry of " + bytes.length + " bytes");
    }
    long v = new ByteReader(bytes, 0, 8).readLong();
    byte[] value = new byte[bytes.length - 8];
    System.arraycopy(bytes, 8, value, 0, value.length);
    return new KvEntry(v, value);
  }
}
