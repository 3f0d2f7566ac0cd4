package io.tutti.bench;

import io.tutti.client.TuttiClient;
import io.tutti.client.TuttiClientException;
import io.tutti.core.error.ErrorCode;
import java.util.Objects;

/**
 * Drives Tutti through one shared {@link TuttiClient} for every client of the run (documented thread-safe: its router
 * and request executor are shared by every caller, and its gRPC channels multiplex concurrent calls). Puts are plain
 * writes (majority-fsync acknowledged); gets are read at the run's consistency level. Errors are counted by the
 * client's {@link ErrorCode}.
 */
public final class TuttiDriver implements Driver {
  private final TuttiClient client;
  private final String keyspace;
  private final io.tutti.core.read.Consistency level;

  /**
   * Takes ownership of {@code client}: {@link #close()} closes it. {@code level} is the read level as Tutti writes it
   * ({@code bounded;ms=N} carries its bound); it must be one Tutti offers.
   */
  public TuttiDriver(TuttiClient client, String keyspace, io.tutti.core.read.Consistency level) {
    this.client = Objects.requireNonNull(client, "client");
    this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
    this.level = Objects.requireNonNull(level, "level");
  }

  @Override
  public String name() {
    return Target.TUTTI.label();
  }

  @Override
  public void put(int clientIndex, byte[] key, byte[] value) {
    client.put(keyspace, key, value);
  }

  @Override
  public void get(int clientIndex, byte[] key) throws MissingKeyException {
    if (!client.get(keyspace, key, level).found()) {
      throw new MissingKeyException(name());
    }
  }

  @Override
  public String errorKind(Exception failure) {
    return failure instanceof TuttiClientException e ? e.code().name() : Driver.super.errorKind(failure);
  }

  @Override
  public void close() {
    client.close();
  }
}
