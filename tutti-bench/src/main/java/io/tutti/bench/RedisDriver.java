package io.tutti.bench;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one Redis server through Lettuce: one {@link StatefulRedisConnection} per client of the run, shared by that
 * client's {@code inflight} workers (a Lettuce connection is thread-safe and pipelines: concurrent commands go out
 * back to back on the one socket and their replies come back in order). All connections share one
 * {@link RedisClient}, so one set of event loops. Puts are {@code SET}, gets are {@code GET}; Redis has one node, so
 * {@link Consistency#LINEARIZABLE} is its only level. A command waits at most {@code timeout}; errors are counted as
 * {@code TIMEOUT}, {@code CONNECTION}, or by the error code Redis replied with ({@code ERR}, {@code MISCONF}, ...).
 */
public final class RedisDriver implements Driver {
  public static final String DEFAULT_ENDPOINT = "127.0.0.1:6379";
  static final String TIMEOUT = "TIMEOUT";
  static final String CONNECTION = "CONNECTION";
  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient redis;
  // Filled by connect(), before any worker thread starts, then never changed.
  private final List<StatefulRedisConnection<byte[], byte[]>> connections;
  private final List<RedisCommands<byte[], byte[]>> commands;

  private RedisDriver(RedisClient redis, int clientCount) {
    this.redis = redis;
    this.connections = new ArrayList<>(clientCount);
    this.commands = new ArrayList<>(clientCount);
  }

  /** Opens {@code clientCount} connections to the server at {@code endpoint}; a BenchException when it refuses. */
  public static RedisDriver connect(HostPort endpoint, int clientCount, Consistency consistency, Duration timeout) {
    Consistency.requireOffered(consistency, Target.REDIS);
    RedisURI uri = RedisURI.Builder.redis(endpoint.host(), endpoint.port()).withTimeout(timeout).build();
    RedisClient redis = RedisClient.create(uri);
    redis.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(timeout)).build());
    RedisDriver driver = new RedisDriver(redis, clientCount);
    try {
      for (int i = 0; i < clientCount; i++) {
        StatefulRedisConnection<byte[], byte[]> connection = redis.connect(ByteArrayCodec.INSTANCE);
        driver.connections.add(connection);
        driver.commands.add(connection.sync());
      }
      return driver;
    } catch (RedisConnectionException e) {
      driver.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BenchException("cannot connect to redis at " + endpoint + ": " + cause.getMessage());
    } catch (RuntimeException e) {
      driver.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return Target.REDIS.label();
  }

  @Override
  public void put(int client, byte[] key, byte[] value) {
    String reply = commands.get(client).set(key, value);
    if (!"OK".equals(reply)) {
      throw new IllegalStateException("SET replied " + reply + ", not OK");
    }
  }

  @Override
  public void get(int client, byte[] key) throws MissingKeyException {
    if (commands.get(client).get(key) == null) {
      throw new MissingKeyException(name());
    }
  }

  @Override
  public String errorKind(Exception failure) {
    return switch (failure) {
      case RedisCommandTimeoutException e -> TIMEOUT;
      case RedisConnectionException e -> CONNECTION;
      case RedisCommandExecutionException e -> replyCode(e.getMessage());
      default -> Driver.super.errorKind(failure);
    };
  }

  /** The error code that starts a Redis error reply ({@code ERR unknown command} is {@code ERR}). */
  static String replyCode(String message) {
    if (message == null || message.isBlank()) {
      return "ERR";
    }
    String first = message.strip().split("\\s+", 2)[0];
    return first.chars().allMatch(c -> Character.isUpperCase(c) || c == '_') ? first : "ERR";
  }

  @Override
  public void close() {
    connections.forEach(StatefulRedisConnection::close);
    redis.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
  }
}
