package io.tutti.bench;

/**
 * One system under test, as the load generator sees it. Called concurrently by every worker, so implementations
 * must be thread-safe (or keep a connection per thread themselves). Each call is one operation: it returns when the
 * system has acknowledged it and throws when the operation failed or its outcome is unknown.
 */
public interface Driver extends AutoCloseable {
  /** A short name for reports, e.g. {@code tutti}, {@code etcd}, {@code redis}. */
  String name();

  /** Writes {@code value} under {@code key}; returns once the write is acknowledged. */
  void put(byte[] key, byte[] value) throws Exception;

  /** Reads {@code key}; throws when the key is absent (the benchmark preloads every key it reads). */
  void get(byte[] key) throws Exception;

  /** How a failure is counted in the report: the system's error code if it has one, else the exception class. */
  default String errorKind(Exception failure) {
    return failure.getClass().getSimpleName();
  }

  @Override
  default void close() {}
}
