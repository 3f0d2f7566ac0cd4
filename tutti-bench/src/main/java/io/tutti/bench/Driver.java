package io.tutti.bench;

/**
 * One system under test, as the load generator sees it. A driver is opened for a run's {@code clients} and holds a
 * connection per client where the system's client library has such a thing; each call names the client it comes
 * from (0 .. clients-1). The {@code inflight} workers of one client call concurrently, so implementations must be
 * thread-safe, and a connection shared by a client's workers must carry concurrent requests (pipelined or
 * multiplexed). Each call is one operation: it returns when the system has acknowledged it and throws when the
 * operation failed or its outcome is unknown.
 */
public interface Driver extends AutoCloseable {
  /** A short name for reports, e.g. {@code tutti}, {@code etcd}, {@code redis}. */
  String name();

  /** Writes {@code value} under {@code key} through client {@code client}; returns once the write is acknowledged. */
  void put(int client, byte[] key, byte[] value) throws Exception;

  /**
   * Reads {@code key} through client {@code client}; throws {@link MissingKeyException} when the key is absent (the
   * benchmark preloads every key it reads).
   */
  void get(int client, byte[] key) throws Exception;

  /**
   * How a failure is counted in the report: the system's error code if it has one, else the exception class. A
   * missing key is {@link MissingKeyException#KIND} for every system.
   */
  default String errorKind(Exception failure) {
    return failure instanceof MissingKeyException ? MissingKeyException.KIND : failure.getClass().getSimpleName();
  }

  @Override
  default void close() {}
}
