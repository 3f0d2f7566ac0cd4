package io.tutti.core.meta;

import io.tutti.core.codec.ByteReader;
import io.tutti.core.codec.ByteWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Binary encodings of metadata commands (log entries) and of the whole {@link ClusterState} (snapshots). */
public final class MetaCodec {
  private static final int REGISTER_MEMBER = 1;
  private static final int CREATE_KEYSPACE = 2;
  private static final int DROP_KEYSPACE = 3;
  private static final int BOOTSTRAP = 4;
  private static final int STATE_FORMAT = 1;

  private MetaCodec() {}

  public static byte[] encodeCommand(MetaCommand command) {
    ByteWriter out = new ByteWriter(64);
    switch (command) {
      case MetaCommand.RegisterMember register -> {
        out.writeByte(REGISTER_MEMBER);
        writeMember(out, register.member());
      }
      case MetaCommand.CreateKeyspace create -> out.writeByte(CREATE_KEYSPACE).writeString(create.name())
          .writeString(create.mode()).writeVarLong(create.shards()).writeVarLong(create.replicas())
          .writeBoolean(create.ifAbsent());
      case MetaCommand.DropKeyspace drop -> out.writeByte(DROP_KEYSPACE).writeString(drop.name());
      case MetaCommand.Bootstrap bootstrap -> out.writeByte(BOOTSTRAP).writeVarLong(bootstrap.defaultShards())
          .writeVarLong(bootstrap.defaultReplicas());
    }
    return out.toByteArray();
  }

  public static MetaCommand decodeCommand(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int tag = in.readByte();
    MetaCommand command = switch (tag) {
      case REGISTER_MEMBER -> new MetaCommand.RegisterMember(readMember(in));
      case CREATE_KEYSPACE -> new MetaCommand.CreateKeyspace(
          in.readString(), in.readString(), in.readVarInt(), in.readVarInt(), in.readBoolean());
      case DROP_KEYSPACE -> new MetaCommand.DropKeyspace(in.readString());
      case BOOTSTRAP -> new MetaCommand.Bootstrap(in.readVarInt(), in.readVarInt());
      default -> throw new ByteReader.MalformedException("unknown metadata command tag " + tag);
    };
    in.expectEnd();
    return command;
  }

  public static byte[] encodeState(ClusterState state) {
    ByteWriter out = new ByteWriter(1024);
    out.writeByte(STATE_FORMAT).writeString(state.clusterId()).writeBoolean(state.bootstrapped());
    out.writeVarLong(state.members().size());
    for (Member member : state.members().values()) {
      writeMember(out, member);
    }
    out.writeVarLong(state.keyspaces().size());
    for (Keyspace keyspace : state.keyspaces().values()) {
      out.writeString(keyspace.name()).writeString(keyspace.mode()).writeVarLong(keyspace.shards())
          .writeVarLong(keyspace.replicas()).writeVarLong(keyspace.createdIndex());
      out.writeVarLong(keyspace.placement().size());
      for (ShardPlacement shard : keyspace.placement()) {
        out.writeVarLong(shard.shard()).writeString(shard.groupId()).writeVarLong(shard.replicas().size());
        for (String replica : shard.replicas()) {
          out.writeString(replica);
        }
      }
    }
    out.writeVarLong(state.retiredGroups().size());
    for (String group : state.retiredGroups()) {
      out.writeString(group);
    }
    return out.toByteArray();
  }

  public static ClusterState decodeState(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int format = in.readByte();
    if (format != STATE_FORMAT) {
      throw new ByteReader.MalformedException("unknown metadata state format " + format);
    }
    String clusterId = in.readString();
    boolean bootstrapped = in.readBoolean();
    TreeMap<String, Member> members = new TreeMap<>();
    for (int i = in.readVarInt(); i > 0; i--) {
      Member member = readMember(in);
      members.put(member.nodeId(), member);
    }
    TreeMap<String, Keyspace> keyspaces = new TreeMap<>();
    for (int i = in.readVarInt(); i > 0; i--) {
      String name = in.readString();
      String mode = in.readString();
      int shards = in.readVarInt();
      int replicas = in.readVarInt();
      long createdIndex = in.readVarLong();
      List<ShardPlacement> placement = new ArrayList<>();
      for (int s = in.readVarInt(); s > 0; s--) {
        int shard = in.readVarInt();
        String groupId = in.readString();
        List<String> nodes = new ArrayList<>();
        for (int r = in.readVarInt(); r > 0; r--) {
          nodes.add(in.readString());
        }
        placement.add(new ShardPlacement(shard, groupId, nodes));
      }
      keyspaces.put(name, new Keyspace(name, mode, shards, replicas, createdIndex, placement));
    }
    TreeSet<String> retired = new TreeSet<>();
    for (int i = in.readVarInt(); i > 0; i--) {
      retired.add(in.readString());
    }
    in.expectEnd();
    return new ClusterState(clusterId, members, keyspaces, bootstrapped, retired);
  }

  private static void writeMember(ByteWriter out, Member member) {
    out.writeString(member.nodeId()).writeString(member.clientAddress()).writeString(member.peerAddress());
  }

  private static Member readMember(ByteReader in) {
    return new Member(in.readString(), in.readString(), in.readString());
  }
}
