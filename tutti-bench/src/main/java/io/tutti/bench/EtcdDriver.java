package io.tutti.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.options.GetOption;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives etcd through jetcd: one jetcd {@link Client} per client of the run, each with its own gRPC channel (an HTTP/2
 * connection per endpoint) that its {@code inflight} workers multiplex. All of them share one Vert.x instance (its
 * event loops do the I/O) and one callback executor, so a thousand clients do not mean a thousand thread pools.
 * <p>
 * Puts are {@code KV.put}. Gets are {@code KV.get}: linearizable (etcd's default range request, confirmed by a quorum)
 * or serializable (answered by the receiving member from its own store). A call waits at most {@code timeout} for its
 * answer, jetcd's own retries of unavailable members included; errors are counted by the gRPC status code etcd or
 * jetcd reported, {@code TIMEOUT} when the wait ran out.
 */
public final class EtcdDriver implements Driver {
  public static final String DEFAULT_ENDPOINT = "127.0.0.1:2379";
  static final String TIMEOUT = "TIMEOUT";

  private final Vertx vertx;
  private final ExecutorService callbacks;
  // Filled by connect(), before any worker thread starts, then never changed.
  private final List<Client> clients;
  private final List<KV> kvs;
  private final GetOption getOption;
  private final long timeoutNanos;
  /** The ByteSequence of the last value written: a run writes one value, so it is copied once, not per put. */
  private final AtomicReference<Value> lastValue = new AtomicReference<>(new Value(new byte[0], ByteSequence.EMPTY));

  private record Value(byte[] bytes, ByteSequence sequence) {}

  private EtcdDriver(Consistency consistency, Duration timeout, int clientCount) {
    this.vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
    this.callbacks = Executors.newCachedThreadPool(Thread.ofPlatform().name("bench-etcd-", 0).daemon().factory());
    this.clients = new ArrayList<>(clientCount);
    this.kvs = new ArrayList<>(clientCount);
    this.getOption = GetOption.builder().withSerializable(switch (consistency) {
      case LINEARIZABLE -> false;
      case SERIALIZABLE -> true;
      case SESSION, BOUNDED, EVENTUAL -> throw new IllegalStateException(consistency + " is Tutti's; refused before");
    }).build();
    this.timeoutNanos = timeout.toNanos();
  }

  /**
   * Opens {@code clientCount} jetcd clients to {@code endpoints} and checks that each can read; a BenchException (one
   * line) when etcd cannot be reached.
   */
  public static EtcdDriver connect(List<HostPort> endpoints, int clientCount, Consistency consistency,
      Duration timeout) {
    Consistency.requireOffered(consistency, Target.ETCD);
    String[] uris = endpoints.stream().map(HostPort::httpUri).toArray(String[]::new);
    EtcdDriver driver = new EtcdDriver(consistency, timeout, clientCount);
    try {
      for (int i = 0; i < clientCount; i++) {
        Client client = Client.builder().endpoints(uris).vertx(driver.vertx).executorService(driver.callbacks)
            .connectTimeout(timeout).retryMaxDuration(timeout).build();
        driver.clients.add(client);
        driver.kvs.add(client.getKVClient());
      }
      driver.probe(endpoints);
      return driver;
    } catch (RuntimeException e) {
      driver.close();
      throw e;
    }
  }

  /** One serializable read per client, so that every channel is connected before the run and a dead etcd is named. */
  private void probe(List<HostPort> endpoints) {
    ByteSequence probeKey = ByteSequence.from(Keys.of(0));
    GetOption local = GetOption.builder().withSerializable(true).build();
    for (int client = 0; client < kvs.size(); client++) {
      try {
        await(kvs.get(client).get(probeKey, local));
      } catch (Exception e) {
        throw new BenchException("cannot read from etcd at " + endpoints + ": " + errorKind(e) + ": "
            + rootMessage(e));
      }
    }
  }

  @Override
  public String name() {
    return Target.ETCD.label();
  }

  @Override
  public void put(int client, byte[] key, byte[] value) throws Exception {
    await(kvs.get(client).put(ByteSequence.from(key), sequence(value)));
  }

  @Override
  public void get(int client, byte[] key) throws Exception {
    if (await(kvs.get(client).get(ByteSequence.from(key), getOption)).getKvs().isEmpty()) {
      throw new MissingKeyException(name());
    }
  }

  private ByteSequence sequence(byte[] value) {
    Value last = lastValue.get();
    if (last.bytes() != value) { // identity: the runner passes the same array every time
      last = new Value(value, ByteSequence.from(value));
      lastValue.set(last);
    }
    return last.sequence();
  }

  /** The future's result, waiting at most the timeout; cancels it when the wait runs out. */
  private <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** etcd's gRPC status code (as jetcd reports it), {@code TIMEOUT}, or the exception class. */
  @Override
  public String errorKind(Exception failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return switch (cause) {
      case EtcdException e -> e.getErrorCode().name();
      case StatusRuntimeException e -> e.getStatus().getCode().name();
      case TimeoutException e -> TIMEOUT;
      case Exception e -> Driver.super.errorKind(e);
      default -> cause.getClass().getSimpleName();
    };
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
  }

  @Override
  public void close() {
    // A jetcd Client closes the Vert.x instance it was given (jetcd 0.8.6 does not tell its own from a shared one),
    // so the first close stops the shared event loops; the rest only shut their channels down.
    clients.forEach(Client::close);
    vertx.close();
    callbacks.shutdownNow();
  }
}
