package io.tutti.bench;

import io.tutti.client.TuttiClient;
import io.tutti.client.TuttiClientException;
import io.tutti.core.error.ErrorCode;
import java.util.Objects;

/**
 * Drives Tutti through one shared {@link TuttiClient} (documented thread-safe: its router and request executor are
 * shared by every caller). Puts are plain writes (majority-fsync acknowledged); gets are linearizable reads. Errors
 * are counted by the client's {@link ErrorCode}.
 */
public final class TuttiDriver implements Driver {
  private final TuttiClient client;
  private final String keyspace;

  /** Takes ownership of {@code client}: {@link #close()} closes it. */
  public TuttiDriver(TuttiClient client, String keyspace) {
    this.client = Objects.requireNonNull(client, "client");
    this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
  }

  @Override
  public String name() {
    return "tutti";
  }

  @Override
  public void put(byte[] key, byte[] value) {
    client.put(keyspace, key, value);
  }

  @Override
  public void get(byte[] key) {
    if (!client.get(keyspace, key).found()) {
      throw new TuttiClientException(ErrorCode.NOT_FOUND, "a preloaded key is absent", false);
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
