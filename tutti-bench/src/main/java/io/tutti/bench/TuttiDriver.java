package io.tutti.bench;

import io.tutti.client.TuttiClient;
import io.tutti.client.TuttiClientException;
import io.tutti.core.error.ErrorCode;
import java.util.Objects;

/**
 * Drives Tutti through one shared {@link TuttiClient} for every client of the run (documented thread-safe: its router
 * and request executor are shared by every caller, and its gRPC channels multiplex concurrent calls). Puts are plain
 * writes (majority-fsync acknowledged); gets are read at the run's {@link Consistency}. Errors are counted by the
 * client's {@link ErrorCode}.
 */
public final class TuttiDriver implements Driver {
  private final TuttiClient client;
  private final String keyspace;
  private final Consistency consistency;

  /** Takes ownership of {@code client}: {@link #close()} closes it. */
  public TuttiDriver(TuttiClient client, String keyspace, Consistency consistency) {
    this.client = Objects.requireNonNull(client, "client");
    this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
    this.consistency = Objects.requireNonNull(consistency, "consistency");
    Consistency.requireOffered(consistency, Target.TUTTI);
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
    boolean found = switch (consistency) {
      case LINEARIZABLE -> client.get(keyspace, key).found(); // the client's reads are linearizable
      case SERIALIZABLE -> throw new IllegalStateException("Tutti offers no serializable reads"); // refused before
    };
    if (!found) {
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
