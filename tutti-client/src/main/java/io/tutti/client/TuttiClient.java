package io.tutti.client;

import com.google.protobuf.ByteString;
import io.tutti.client.RequestExecutor.Kind;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.kv.RequestId;
import io.tutti.core.read.Consistency;
import io.tutti.core.read.SessionToken;
import io.tutti.proto.v1.Condition;
import io.tutti.proto.v1.CreateKeyspaceRequest;
import io.tutti.proto.v1.DeleteRequest;
import io.tutti.proto.v1.DeleteResponse;
import io.tutti.proto.v1.DropKeyspaceRequest;
import io.tutti.proto.v1.GetRequest;
import io.tutti.proto.v1.GetResponse;
import io.tutti.proto.v1.PutRequest;
import io.tutti.proto.v1.PutResponse;
import io.tutti.proto.v1.ScanRequest;
import io.tutti.proto.v1.ScanResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Tutti Java client. Thread-safe; create one per application and close it at the end.
 *
 * <pre>{@code
 * try (TuttiClient tutti = TuttiClient.builder().endpoints("127.0.0.1:7101", "127.0.0.1:7102").build()) {
 *   PutResult put = tutti.put("default", "greeting", "hello");
 *   tutti.putIfVersion("default", "greeting", "hello again", put.version()); // compare-and-set
 *   String value = tutti.get("default", "greeting").valueAsString();
 * }
 * }</pre>
 *
 * Every method throws {@link TuttiClientException} on failure. Writes carry a request id that the client keeps
 * across its retries, so each is applied at most once; a write whose outcome the client could not learn in time
 * fails with {@link ErrorCode#OUTCOME_UNKNOWN}. See the package documentation for routing and retries.
 */
public final class TuttiClient implements AutoCloseable {
  private final byte[] clientId = new byte[16];
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger spread = new AtomicInteger(ThreadLocalRandom.current().nextInt(1024));
  private final Nodes nodes;
  /** This client's session: every reply's token is merged in, every request carries it. */
  private final AtomicReference<Session> session = new AtomicReference<>(Session.EMPTY);

  /** The session token and its wire form, encoded once per change rather than once per request. */
  private record Session(SessionToken token, String wire) {
    static final Session EMPTY = new Session(SessionToken.EMPTY, "");

    Session merge(SessionToken other) {
      SessionToken merged = token.merge(other);
      return merged == token ? this : new Session(merged, merged.encode());
    }
  }
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private final Router router;
  private final RequestExecutor executor;

  TuttiClient(List<String> seeds, RetryPolicy policy, NodeApi.Factory apis, RequestExecutor.Sleeper sleeper,
      long statusTimeoutMs, Routing routing) {
    new SecureRandom().nextBytes(clientId);
    this.nodes = new Nodes(apis);
    this.router = new Router(seeds, nodes, background, System::nanoTime, statusTimeoutMs, routing);
    this.executor = new RequestExecutor(policy, nodes, router, sleeper, System::nanoTime, new SecureRandom());
    router.refreshNow();
  }

  public static TuttiClientBuilder builder() {
    return new TuttiClientBuilder();
  }

  // ------------------------------------------------------------------ writes

  public PutResult put(String keyspace, byte[] key, byte[] value) {
    return put(keyspace, key, value, Condition.getDefaultInstance(), "put");
  }

  public PutResult put(String keyspace, String key, String value) {
    return put(keyspace, utf8(key), utf8(value));
  }

  /** Compare-and-set: writes only if the key exists with exactly {@code expectedVersion}, else VERSION_MISMATCH. */
  public PutResult putIfVersion(String keyspace, byte[] key, byte[] value, long expectedVersion) {
    return put(keyspace, key, value, Condition.newBuilder().setVersionEquals(expectedVersion).build(),
        "put (if version " + expectedVersion + ")");
  }

  public PutResult putIfVersion(String keyspace, String key, String value, long expectedVersion) {
    return putIfVersion(keyspace, utf8(key), utf8(value), expectedVersion);
  }

  /** Create-only: writes only if the key does not exist, else VERSION_MISMATCH. */
  public PutResult putIfAbsent(String keyspace, byte[] key, byte[] value) {
    return put(keyspace, key, value, Condition.newBuilder().setMustNotExist(true).build(), "put (if absent)");
  }

  public PutResult putIfAbsent(String keyspace, String key, String value) {
    return putIfAbsent(keyspace, utf8(key), utf8(value));
  }

  public DeleteResult delete(String keyspace, byte[] key) {
    return delete(keyspace, key, Condition.getDefaultInstance(), "delete");
  }

  public DeleteResult delete(String keyspace, String key) {
    return delete(keyspace, utf8(key));
  }

  /** Deletes only if the key exists with exactly {@code expectedVersion}, else VERSION_MISMATCH. */
  public DeleteResult deleteIfVersion(String keyspace, byte[] key, long expectedVersion) {
    return delete(keyspace, key, Condition.newBuilder().setVersionEquals(expectedVersion).build(),
        "delete (if version " + expectedVersion + ")");
  }

  public DeleteResult deleteIfVersion(String keyspace, String key, long expectedVersion) {
    return deleteIfVersion(keyspace, utf8(key), expectedVersion);
  }

  private PutResult put(String keyspace, byte[] key, byte[] value, Condition condition, String what) {
    Objects.requireNonNull(value, "value");
    // Built once, outside the retry loop: every attempt sends the same request id.
    PutRequest request = PutRequest.newBuilder().setKeyspace(keyspace).setKey(ByteString.copyFrom(key))
        .setValue(ByteString.copyFrom(value)).setCondition(condition).setRequestId(nextRequestId())
        .setSession(session.get().wire()).build();
    PutResponse reply = executor.execute(what, Kind.WRITE, new Target.Key(keyspace, key),
        (node, timeoutMs) -> node.put(request, timeoutMs));
    router.onServedBy(keyspace, key, reply.getServedBy());
    mergeSession(reply.getSession());
    return new PutResult(reply.getVersion(), reply.getRevision(), reply.getServedBy());
  }

  private DeleteResult delete(String keyspace, byte[] key, Condition condition, String what) {
    DeleteRequest request = DeleteRequest.newBuilder().setKeyspace(keyspace).setKey(ByteString.copyFrom(key))
        .setCondition(condition).setRequestId(nextRequestId()).setSession(session.get().wire()).build();
    DeleteResponse reply = executor.execute(what, Kind.WRITE, new Target.Key(keyspace, key),
        (node, timeoutMs) -> node.delete(request, timeoutMs));
    router.onServedBy(keyspace, key, reply.getServedBy());
    mergeSession(reply.getSession());
    return new DeleteResult(reply.getExisted(), reply.getRevision(), reply.getServedBy());
  }

  // ------------------------------------------------------------------ reads

  /** A linearizable read; an absent key is a result with {@code found() == false}, not an error. */
  public GetResult get(String keyspace, byte[] key) {
    return get(keyspace, key, Consistency.LINEARIZABLE);
  }

  public GetResult get(String keyspace, String key) {
    return get(keyspace, utf8(key));
  }

  /**
   * A read at {@code consistency} (see docs/consistency.md): {@link Consistency#LINEARIZABLE} goes to the shard's
   * leader; the weaker levels go to any replica of the shard, spreading the load, and {@link Consistency#SESSION}
   * reads reflect everything this client has written and read (its {@linkplain #sessionToken() session}).
   */
  public GetResult get(String keyspace, byte[] key, Consistency consistency) {
    Objects.requireNonNull(consistency, "consistency");
    GetRequest.Builder request = GetRequest.newBuilder().setKeyspace(keyspace).setKey(ByteString.copyFrom(key))
        .setSession(session.get().wire());
    setConsistency(consistency, request::setConsistency, request::setStaleMaxMs);
    boolean linearizable = consistency.level() == Consistency.Level.LINEARIZABLE;
    Target target = linearizable ? new Target.Key(keyspace, key)
        : new Target.Replica(keyspace, key, spread.getAndIncrement());
    GetRequest built = request.build();
    GetResponse reply = executor.execute("get", Kind.READ, target, (node, timeoutMs) -> node.get(built, timeoutMs));
    if (linearizable) {
      router.onServedBy(keyspace, key, reply.getServedBy()); // the leader answers linearizable reads
    }
    mergeSession(reply.getSession());
    return new GetResult(reply.getFound() ? reply.getValue().toByteArray() : null, reply.getVersion(),
        reply.getRevision(), reply.getServedBy(), servedAt(reply.getConsistency(), consistency));
  }

  public GetResult get(String keyspace, String key, Consistency consistency) {
    return get(keyspace, utf8(key), consistency);
  }

  /**
   * One page of the keys starting with {@code prefix} (empty: all), strictly after {@code after} (null or empty:
   * from the start), at most {@code limit} items (0: the server's default).
   */
  public ScanPage scan(String keyspace, byte[] prefix, byte[] after, int limit) {
    return scan(keyspace, prefix, after, limit, Consistency.LINEARIZABLE);
  }

  /** {@link #scan(String, byte[], byte[], int)} with each shard read at {@code consistency}. */
  public ScanPage scan(String keyspace, byte[] prefix, byte[] after, int limit, Consistency consistency) {
    Objects.requireNonNull(consistency, "consistency");
    if (limit < 0) {
      throw new TuttiClientException(ErrorCode.INVALID_ARGUMENT, "limit must be >= 0, got " + limit, false);
    }
    ScanRequest.Builder builder = ScanRequest.newBuilder().setKeyspace(keyspace)
        .setPrefix(ByteString.copyFrom(prefix == null ? new byte[0] : prefix))
        .setAfter(ByteString.copyFrom(after == null ? new byte[0] : after)).setLimit(limit)
        .setSession(session.get().wire());
    setConsistency(consistency, builder::setConsistency, builder::setStaleMaxMs);
    ScanRequest request = builder.build();
    ScanResponse reply = executor.execute("scan", Kind.READ, new Target.Any(spread.getAndIncrement()),
        (node, timeoutMs) -> node.scan(request, timeoutMs));
    mergeSession(reply.getSession());
    List<Item> items = reply.getItemsList().stream()
        .map(kv -> new Item(kv.getKey().toByteArray(), kv.getValue().toByteArray(), kv.getVersion())).toList();
    return new ScanPage(items, reply.getHasMore() ? reply.getNext().toByteArray() : null);
  }

  /** Every key starting with {@code prefix}, fetched lazily page by page ({@code pageSize} 0: server default). */
  public Iterable<Item> scanAll(String keyspace, byte[] prefix, int pageSize) {
    return scanAll(keyspace, prefix, pageSize, Consistency.LINEARIZABLE);
  }

  public Iterable<Item> scanAll(String keyspace, byte[] prefix, int pageSize, Consistency consistency) {
    return () -> new ScanIterator(after -> scan(keyspace, prefix, after, pageSize, consistency));
  }

  // ------------------------------------------------------------------ session

  /**
   * This client's session token: compact, URL-safe text that records how far the client's writes and reads have
   * seen each shard. Give it to another process ({@code Tutti-Session} over HTTP, {@code --session} in the CLI,
   * {@link #joinSession} here) and that process's session reads see everything this client has seen.
   */
  public String sessionToken() {
    return session.get().wire();
  }

  /**
   * Joins a session started elsewhere: from now on this client's session reads reflect what the token's session had
   * seen, as well as its own. INVALID_ARGUMENT for a malformed token.
   */
  public void joinSession(String token) {
    SessionToken joined;
    try {
      joined = SessionToken.decode(token);
    } catch (io.tutti.core.error.TuttiException e) {
      throw new TuttiClientException(e.code(), e.getMessage(), false);
    }
    session.updateAndGet(current -> current.merge(joined));
  }

  /** Forgets the session: later session reads need only reflect what this client does from now on. */
  public void newSession() {
    session.set(Session.EMPTY);
  }

  private void mergeSession(String token) {
    if (token.isEmpty() || token.equals(session.get().wire())) {
      return; // most replies hand back the token the request carried
    }
    SessionToken reply = SessionToken.decode(token);
    session.updateAndGet(current -> current.merge(reply));
  }

  private static void setConsistency(Consistency consistency,
      java.util.function.Consumer<io.tutti.proto.v1.Consistency> level, java.util.function.IntConsumer staleMaxMs) {
    level.accept(switch (consistency.level()) {
      case LINEARIZABLE -> io.tutti.proto.v1.Consistency.LINEARIZABLE;
      case SESSION -> io.tutti.proto.v1.Consistency.SESSION;
      case BOUNDED -> io.tutti.proto.v1.Consistency.BOUNDED;
      case EVENTUAL -> io.tutti.proto.v1.Consistency.EVENTUAL;
    });
    staleMaxMs.accept((int) consistency.staleMaxMs());
  }

  /** The level a reply says it was served at; the level asked for when the node did not say (an older node). */
  private static Consistency servedAt(String reported, Consistency asked) {
    try {
      return reported.isEmpty() ? asked : Consistency.parse(reported);
    } catch (io.tutti.core.error.TuttiException e) {
      return asked;
    }
  }

  // ------------------------------------------------------------------ keyspaces and cluster

  /** Creates a keyspace; {@code mode} null or empty, {@code shards} or {@code replicas} 0: the server's default. */
  public KeyspaceInfo createKeyspace(String name, String mode, int shards, int replicas) {
    CreateKeyspaceRequest request = CreateKeyspaceRequest.newBuilder().setName(name)
        .setMode(mode == null ? "" : mode).setShards(shards).setReplicas(replicas).build();
    KeyspaceInfo created = KeyspaceInfo.fromProto(executor.execute("create keyspace", Kind.UNSAFE_WRITE,
        new Target.Metadata(), (node, timeoutMs) -> node.createKeyspace(request, timeoutMs)));
    router.refreshSoon();
    return created;
  }

  public KeyspaceInfo createKeyspace(String name) {
    return createKeyspace(name, "", 0, 0);
  }

  public List<KeyspaceInfo> listKeyspaces() {
    return executor.execute("list keyspaces", Kind.READ, new Target.Metadata(),
        (node, timeoutMs) -> node.listKeyspaces(timeoutMs)).getKeyspacesList().stream()
        .map(KeyspaceInfo::fromProto).toList();
  }

  public void dropKeyspace(String name) {
    DropKeyspaceRequest request = DropKeyspaceRequest.newBuilder().setName(name).build();
    executor.execute("drop keyspace", Kind.UNSAFE_WRITE, new Target.Metadata(), (node, timeoutMs) -> {
      node.dropKeyspace(request, timeoutMs);
      return null;
    });
    router.refreshSoon();
  }

  /** The cluster as one node sees it now: members, keyspaces, shards and their leaders. */
  public ClusterInfo clusterStatus() {
    return ClusterInfo.fromProto(executor.execute("cluster status", Kind.READ,
        new Target.Any(spread.getAndIncrement()), (node, timeoutMs) -> node.clusterStatus(timeoutMs)));
  }

  // ------------------------------------------------------------------ asynchronous variants

  public CompletableFuture<PutResult> putAsync(String keyspace, byte[] key, byte[] value) {
    return async(() -> put(keyspace, key, value));
  }

  public CompletableFuture<GetResult> getAsync(String keyspace, byte[] key) {
    return async(() -> get(keyspace, key));
  }

  public CompletableFuture<DeleteResult> deleteAsync(String keyspace, byte[] key) {
    return async(() -> delete(keyspace, key));
  }

  /** Runs a blocking call on a virtual thread: cheap, and the retry logic stays in one (synchronous) place. */
  private <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, background);
  }

  /** For tests in this package: the router and its current map. */
  Router routerForTests() {
    return router;
  }

  @Override
  public void close() {
    background.shutdownNow();
    nodes.closeAll();
  }

  private io.tutti.proto.v1.RequestId nextRequestId() {
    RequestId id = RequestId.of(clientId, sequence.incrementAndGet());
    return io.tutti.proto.v1.RequestId.newBuilder().setClientId(ByteString.copyFrom(id.clientIdBytes()))
        .setSequence(id.sequence()).build();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
