package io.tutti.server.api;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvItem;
import io.tutti.core.kv.ScanPage;
import io.tutti.core.kv.RequestId;
import io.tutti.core.meta.Keyspace;
import io.tutti.core.read.Consistency;
import io.tutti.core.read.SessionToken;
import io.tutti.proto.v1.ClusterGrpc;
import io.tutti.proto.v1.ClusterStatus;
import io.tutti.proto.v1.ClusterStatusRequest;
import io.tutti.proto.v1.CreateKeyspaceRequest;
import io.tutti.proto.v1.DeleteRequest;
import io.tutti.proto.v1.DeleteResponse;
import io.tutti.proto.v1.DropKeyspaceRequest;
import io.tutti.proto.v1.DropKeyspaceResponse;
import io.tutti.proto.v1.GetRequest;
import io.tutti.proto.v1.GetResponse;
import io.tutti.proto.v1.KeyValue;
import io.tutti.proto.v1.KeyspaceInfo;
import io.tutti.proto.v1.KeyspacesGrpc;
import io.tutti.proto.v1.KvGrpc;
import io.tutti.proto.v1.ListKeyspacesRequest;
import io.tutti.proto.v1.ListKeyspacesResponse;
import io.tutti.proto.v1.PutRequest;
import io.tutti.proto.v1.PutResponse;
import io.tutti.proto.v1.ScanRequest;
import io.tutti.proto.v1.ScanResponse;
import io.tutti.server.node.ClusterView;
import io.tutti.server.node.NodeService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gRPC API ({@code tutti.v1}): thin translations between protobuf messages and {@link NodeService}. */
final class GrpcApi {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcApi.class);
  static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("tutti-error-code", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> RETRYABLE = Metadata.Key.of("tutti-retryable", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcApi() {}

  static <T> void reply(CompletableFuture<T> future, StreamObserver<T> observer) {
    future.whenComplete((value, failure) -> {
      if (failure == null) {
        observer.onNext(value);
        observer.onCompleted();
      } else {
        observer.onError(toStatus(failure));
      }
    });
  }

  static <T> void call(Supplier<CompletableFuture<T>> call, StreamObserver<T> observer) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    reply(future, observer);
  }

  static StatusRuntimeException toStatus(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    TuttiException e;
    if (t instanceof TuttiException tutti) {
      e = tutti;
    } else {
      LOG.error("unexpected failure serving a gRPC request", t);
      e = new TuttiException(ErrorCode.INTERNAL, "internal error (" + t.getClass().getSimpleName() + ")");
    }
    Metadata trailers = new Metadata();
    trailers.put(ERROR_CODE, e.code().name());
    trailers.put(RETRYABLE, Boolean.toString(e.retryable()));
    return Status.fromCode(Status.Code.valueOf(e.code().grpcStatus())).withDescription(e.getMessage())
        .asRuntimeException(trailers);
  }

  static Condition condition(io.tutti.proto.v1.Condition condition) {
    return switch (condition.getKindCase()) {
      case VERSION_EQUALS -> {
        if (condition.getVersionEquals() <= 0) {
          throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "version_equals must be > 0");
        }
        yield new Condition.VersionEquals(condition.getVersionEquals());
      }
      case MUST_NOT_EXIST -> condition.getMustNotExist() ? Condition.ABSENT : Condition.ALWAYS;
      case KIND_NOT_SET -> Condition.ALWAYS;
    };
  }

  static RequestId requestId(boolean present, io.tutti.proto.v1.RequestId id) {
    if (!present) {
      return null;
    }
    if (id.getClientId().size() != 16) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "request_id.client_id must be 16 bytes, got %d",
          id.getClientId().size());
    }
    if (id.getSequence() < 0) {
      throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "request_id.sequence must be below 2^63");
    }
    return RequestId.of(id.getClientId().toByteArray(), id.getSequence());
  }

  /** The requested level from the enum and the staleness bound; a bound with another level is refused. */
  static Consistency consistency(io.tutti.proto.v1.Consistency level, int staleMaxMs) {
    Consistency chosen = switch (level) {
      case CONSISTENCY_UNSPECIFIED, LINEARIZABLE -> Consistency.LINEARIZABLE;
      case SESSION -> Consistency.SESSION;
      case EVENTUAL -> Consistency.EVENTUAL;
      case BOUNDED -> Consistency.bounded(Integer.toUnsignedLong(staleMaxMs));
      case UNRECOGNIZED -> throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "unknown consistency level");
    };
    if (chosen.level() != Consistency.Level.BOUNDED && staleMaxMs != 0) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "stale_max_ms is for BOUNDED reads only; got %d with %s",
          Integer.toUnsignedLong(staleMaxMs), chosen);
    }
    return chosen;
  }

  static KeyspaceInfo keyspaceInfo(Keyspace keyspace) {
    return KeyspaceInfo.newBuilder().setName(keyspace.name()).setMode(keyspace.mode())
        .setShards(keyspace.shards()).setReplicas(keyspace.replicas()).build();
  }

  /** {@code tutti.v1.Kv}. */
  static final class Kv extends KvGrpc.KvImplBase {
    private final NodeService service;

    Kv(NodeService service) {
      this.service = service;
    }

    @Override
    public void put(PutRequest request, StreamObserver<PutResponse> observer) {
      call(() -> service.put(request.getKeyspace(), request.getKey().toByteArray(), request.getValue().toByteArray(),
          condition(request.getCondition()), requestId(request.hasRequestId(), request.getRequestId()),
          SessionToken.decode(request.getSession()))
          .thenApply(outcome -> PutResponse.newBuilder().setVersion(outcome.version())
              .setRevision(outcome.revision()).setServedBy(outcome.servedBy()).setDurability(HttpApi.DURABILITY)
              .setSession(outcome.session().encode()).build()), observer);
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> observer) {
      call(() -> {
        Consistency consistency = consistency(request.getConsistency(), request.getStaleMaxMs());
        SessionToken session = SessionToken.decode(request.getSession());
        return service.get(request.getKeyspace(), request.getKey().toByteArray(), consistency, session)
            .thenApply(outcome -> {
          GetResponse.Builder reply = GetResponse.newBuilder().setFound(outcome.value() != null)
              .setRevision(outcome.revision()).setServedBy(outcome.servedBy())
              .setConsistency(outcome.servedAt().toString()).setSession(outcome.session().encode());
          if (outcome.value() != null) {
            reply.setValue(ByteString.copyFrom(outcome.value())).setVersion(outcome.version());
          }
          return reply.build();
        });
      }, observer);
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<DeleteResponse> observer) {
      call(() -> {
        Condition condition = condition(request.getCondition());
        if (condition instanceof Condition.Absent) {
          throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "must_not_exist is not allowed on delete");
        }
        return service.delete(request.getKeyspace(), request.getKey().toByteArray(), condition,
            requestId(request.hasRequestId(), request.getRequestId()), SessionToken.decode(request.getSession()))
            .thenApply(outcome -> DeleteResponse.newBuilder().setExisted(outcome.existed()).setRevision(outcome.revision())
                .setServedBy(outcome.servedBy()).setDurability(HttpApi.DURABILITY)
                .setSession(outcome.session().encode()).build());
      }, observer);
    }

    @Override
    public void scan(ScanRequest request, StreamObserver<ScanResponse> observer) {
      call(() -> {
        Consistency consistency = consistency(request.getConsistency(), request.getStaleMaxMs());
        SessionToken session = SessionToken.decode(request.getSession());
        return service.scan(request.getKeyspace(), request.getPrefix().toByteArray(),
            request.getAfter().toByteArray(), request.getLimit(), consistency, session).thenApply(outcome -> {
              ScanPage page = outcome.page();
              ScanResponse.Builder reply = ScanResponse.newBuilder().setHasMore(page.hasMore())
                  .setConsistency(outcome.servedAt().toString()).setSession(outcome.session().encode());
              for (NodeService.ShardRead shard : outcome.shards()) {
                reply.addShards(io.tutti.proto.v1.ShardRead.newBuilder().setShard(shard.shard())
                    .setServedBy(shard.servedBy()).setRevision(shard.revision())
                    .setConsistency(shard.servedAt().toString()));
              }
              for (KvItem item : page.items()) {
                reply.addItems(KeyValue.newBuilder().setKey(ByteString.copyFrom(item.key()))
                    .setValue(ByteString.copyFrom(item.value())).setVersion(item.version()));
              }
              if (page.hasMore()) {
                reply.setNext(ByteString.copyFrom(page.next()));
              }
              return reply.build();
            });
      }, observer);
    }
  }

  /** {@code tutti.v1.Keyspaces}. */
  static final class Keyspaces extends KeyspacesGrpc.KeyspacesImplBase {
    private final NodeService service;

    Keyspaces(NodeService service) {
      this.service = service;
    }

    @Override
    public void create(CreateKeyspaceRequest request, StreamObserver<KeyspaceInfo> observer) {
      call(() -> service.createKeyspace(request.getName(), request.getMode(), request.getShards(),
          request.getReplicas()).thenApply(GrpcApi::keyspaceInfo), observer);
    }

    @Override
    public void list(ListKeyspacesRequest request, StreamObserver<ListKeyspacesResponse> observer) {
      call(() -> service.currentState().thenApply(state -> ListKeyspacesResponse.newBuilder()
          .addAllKeyspaces(state.keyspaces().values().stream().map(GrpcApi::keyspaceInfo).toList()).build()),
          observer);
    }

    @Override
    public void drop(DropKeyspaceRequest request, StreamObserver<DropKeyspaceResponse> observer) {
      call(() -> service.dropKeyspace(request.getName())
          .thenApply(done -> DropKeyspaceResponse.getDefaultInstance()), observer);
    }
  }

  /** {@code tutti.v1.Cluster}. */
  static final class Cluster extends ClusterGrpc.ClusterImplBase {
    private final Supplier<CompletableFuture<ClusterView>> status;

    Cluster(Supplier<CompletableFuture<ClusterView>> status) {
      this.status = status;
    }

    @Override
    public void status(ClusterStatusRequest request, StreamObserver<ClusterStatus> observer) {
      call(() -> status.get().thenApply(toProto), observer);
    }

    private final Function<ClusterView, ClusterStatus> toProto = view -> {
      ClusterStatus.Builder out = ClusterStatus.newBuilder().setClusterId(view.clusterId())
          .setAnsweredBy(view.answeredBy()).setMetadataLeader(view.metadataLeader())
          .putAllMetadataVoters(view.metadataVoters());
      view.members().forEach(m -> out.addMembers(io.tutti.proto.v1.Member.newBuilder().setNodeId(m.nodeId())
          .setClientAddress(m.clientAddress()).setPeerAddress(m.peerAddress()).setLive(m.live())));
      view.keyspaces().forEach(k -> out.addKeyspaces(keyspaceInfo(k)));
      view.shards().forEach(s -> out.addShards(io.tutti.proto.v1.ShardStatus.newBuilder().setKeyspace(s.keyspace())
          .setShard(s.shard()).setGroupId(s.groupId()).addAllReplicas(s.replicas()).setLeader(s.leader())
          .setRevision(s.revision())));
      return out.build();
    };
  }
}
