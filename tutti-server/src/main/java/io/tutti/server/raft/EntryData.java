package io.tutti.server.raft;

import java.nio.ByteBuffer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The bytes of a state-machine log entry: the leader's wall-clock timestamp (8 bytes), stamped once when the leader
 * accepts the request, then the command. Replicas and replays read time from the entry, never from their own clock.
 */
record EntryData(long timestampMs, byte[] command) {
  static ByteString encode(long timestampMs, ByteString command) {
    byte[] out = new byte[8 + command.size()];
    ByteBuffer.wrap(out).putLong(timestampMs);
    command.copyTo(out, 8);
    return UnsafeByteOperations.unsafeWrap(out);
  }

  static EntryData decode(ByteString data) {
    if (data.size() < 8) {
      throw new IllegalStateException("log entry of " + data.size() + " bytes has no timestamp");
    }
    byte[] bytes = data.toByteArray();
    long timestamp = ByteBuffer.wrap(bytes, 0, 8).getLong();
    byte[] command = new byte[bytes.length - 8];
    System.arraycopy(bytes, 8, command, 0, command.length);
    return new EntryData(timestamp, command);
  }
}
