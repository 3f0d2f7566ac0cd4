package io.tutti.core.read;

import io.tutti.core.codec.ByteReader;
import io.tutti.core.codec.ByteWriter;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a session has been: for each shard it wrote or read, the shard position (revision: the Raft log index the
 * shard's state machine had applied) its last operation there reflected. A session read of a shard may be served by
 * any replica that has applied at least that position, which gives the session read-your-writes, monotonic reads,
 * monotonic writes and writes-follow-reads.
 *
 * <p>Immutable. Positions only grow: {@link #with} and {@link #merge} keep the larger position per shard, so merging
 * tokens in any order gives the same token, and a token from another process can be joined safely.
 *
 * <p>The wire form is opaque, compact and URL-safe (base64url without padding): a format byte, the number of shards,
 * then per shard its 8-byte key (from the shard's Raft group id, {@link #shardKey}) and its position as a varint;
 * about 12 bytes per shard. The empty token is the empty string.
 */
public final class SessionToken {
  /** The most shards one token covers; a session that touches more must start over. */
  public static final int SHARDS_MAX = 256;
  /** The longest wire form that can be valid (every shard with a 10-byte varint), in characters. */
  public static final int ENCODED_LENGTH_MAX = (2 + 3 + SHARDS_MAX * (8 + 10)) * 4 / 3 + 4;

  public static final SessionToken EMPTY = new SessionToken(new long[0], new long[0]);

  private static final int FORMAT = 1;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  // Parallel arrays, sorted by shard key (signed order), keys distinct, positions > 0.
  private final long[] shards;
  private final long[] positions;

  private SessionToken(long[] shards, long[] positions) {
    this.shards = shards;
    this.positions = positions;
  }

  /** The 64-bit key a shard has in tokens, from its Raft group id (a UUID). */
  public static long shardKey(String groupId) {
    UUID uuid = UUID.fromString(groupId);
    return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
  }

  public boolean isEmpty() {
    return shards.length == 0;
  }

  /** How many shards the token covers. */
  public int size() {
    return shards.length;
  }

  /** The session's position at the shard with Raft group {@code groupId}; 0 when the session has not been there. */
  public long position(String groupId) {
    return position(shardKey(groupId));
  }

  long position(long shardKey) {
    int at = Arrays.binarySearch(shards, shardKey);
    return at >= 0 ? positions[at] : 0;
  }

  /**
   * This token with the shard of {@code groupId} at least at {@code position}. TOO_LARGE when that would make the
   * token cover more than {@link #SHARDS_MAX} shards.
   */
  public SessionToken with(String groupId, long position) {
    return with(shardKey(groupId), position);
  }

  SessionToken with(long shardKey, long position) {
    if (position <= 0) {
      return this;
    }
    int at = Arrays.binarySearch(shards, shardKey);
    if (at >= 0) {
      if (positions[at] >= position) {
        return this;
      }
      long[] newPositions = positions.clone();
      newPositions[at] = position;
      return new SessionToken(shards, newPositions);
    }
    checkSize(shards.length + 1);
    int insert = -at - 1;
    long[] newShards = new long[shards.length + 1];
    long[] newPositions = new long[shards.length + 1];
    System.arraycopy(shards, 0, newShards, 0, insert);
    System.arraycopy(positions, 0, newPositions, 0, insert);
    newShards[insert] = shardKey;
    newPositions[insert] = position;
    System.arraycopy(shards, insert, newShards, insert + 1, shards.length - insert);
    System.arraycopy(positions, insert, newPositions, insert + 1, shards.length - insert);
    return new SessionToken(newShards, newPositions);
  }

  /**
   * Fails with TOO_LARGE unless the token can take the shard of {@code groupId} (it has it, or has room for one more):
   * checked before a write is sent, so that a full token never fails a write after it was applied.
   */
  public void requireRoomFor(String groupId) {
    if (Arrays.binarySearch(shards, shardKey(groupId)) < 0) {
      checkSize(shards.length + 1);
    }
  }

  /** The larger position of either token per shard. TOO_LARGE when the union covers more than {@link #SHARDS_MAX}. */
  public SessionToken merge(SessionToken other) {
    if (other.isEmpty() || other == this) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    long[] mergedShards = new long[shards.length + other.shards.length];
    long[] mergedPositions = new long[mergedShards.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < shards.length || j < other.shards.length) {
      if (j == other.shards.length || (i < shards.length && shards[i] < other.shards[j])) {
        mergedShards[n] = shards[i];
        mergedPositions[n++] = positions[i++];
      } else if (i == shards.length || other.shards[j] < shards[i]) {
        mergedShards[n] = other.shards[j];
        mergedPositions[n++] = other.positions[j++];
      } else {
        mergedShards[n] = shards[i];
        mergedPositions[n++] = Math.max(positions[i++], other.positions[j++]);
      }
    }
    checkSize(n);
    SessionToken merged = new SessionToken(Arrays.copyOf(mergedShards, n), Arrays.copyOf(mergedPositions, n));
    return merged.equals(this) ? this : merged;
  }

  private static void checkSize(int shardCount) {
    if (shardCount > SHARDS_MAX) {
      throw TuttiException.of(ErrorCode.TOO_LARGE, "a session token covers at most %d shards; this session has "
          + "touched more: start a new session", SHARDS_MAX);
    }
  }

  /** The wire form; the empty string for the empty token. */
  public String encode() {
    if (isEmpty()) {
      return "";
    }
    ByteWriter out = new ByteWriter(2 + shards.length * 12);
    out.writeByte(FORMAT).writeVarLong(shards.length);
    for (int i = 0; i < shards.length; i++) {
      out.writeLong(shards[i]).writeVarLong(positions[i]);
    }
    return ENCODER.encodeToString(out.toByteArray());
  }

  /**
   * Reads the wire form; {@code null} or blank is the empty token. A token that was not written by {@link #encode}
   * (cut short, edited, another format) is INVALID_ARGUMENT; one longer than any valid token is TOO_LARGE.
   */
  public static SessionToken decode(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    String trimmed = text.strip();
    if (trimmed.length() > ENCODED_LENGTH_MAX) {
      throw TuttiException.of(ErrorCode.TOO_LARGE, "session token is %d characters; a valid one has at most %d",
          trimmed.length(), ENCODED_LENGTH_MAX);
    }
    try {
      ByteReader in = new ByteReader(DECODER.decode(trimmed));
      int format = in.readByte();
      if (format != FORMAT) {
        throw malformed("unknown format " + format);
      }
      long count = in.readVarLong();
      if (count < 1 || count > SHARDS_MAX) {
        throw malformed("it names " + count + " shards");
      }
      long[] shards = new long[(int) count];
      long[] positions = new long[(int) count];
      for (int i = 0; i < count; i++) {
        shards[i] = in.readLong();
        positions[i] = in.readVarLong();
        if (positions[i] <= 0 || (i > 0 && shards[i] <= shards[i - 1])) {
          throw malformed("entry " + i + " is out of order or empty");
        }
      }
      in.expectEnd();
      return new SessionToken(shards, positions);
    } catch (IllegalArgumentException | ByteReader.MalformedException e) {
      throw malformed(e.getMessage());
    }
  }

  private static TuttiException malformed(String why) {
    return TuttiException.of(ErrorCode.INVALID_ARGUMENT, "malformed session token (%s): pass the token exactly as a "
        + "reply's Tutti-Session gave it", why);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionToken other && Arrays.equals(shards, other.shards)
        && Arrays.equals(positions, other.positions);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shards) + Arrays.hashCode(positions);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("SessionToken{");
    for (int i = 0; i < shards.length; i++) {
      text.append(i == 0 ? "" : ", ").append(Long.toHexString(shards[i])).append('@').append(positions[i]);
    }
    return text.append('}').toString();
  }
}
