package io.github.remnawaveshop.core.fsm;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The storage's own connection on a shared {@link RedisClient}, and the one place that decides
 * whether a failure means "Redis is unavailable". Lettuce reconnects a dropped connection by itself;
 * while it is down ({@code isOpen() == false}) calls fail at once instead of queueing. If the first
 * connect fails, connecting is retried at most once per second.
 */
final class RedisLink implements AutoCloseable {
  /** Redis is unreachable or did not answer in time. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final long RECONNECT_INTERVAL_MILLIS = 1000;

  private final RedisClient client;
  private final long timeoutNanos;
  private final Clock clock;
  private final Object connectLock = new Object();
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile boolean closed;
  private long nextConnectMillis;

  RedisLink(RedisClient client, Duration timeout, Clock clock) {
    this.client = client;
    this.timeoutNanos = timeout.toNanos();
    this.clock = clock;
  }

  /** The async commands of an open connection. */
  RedisAsyncCommands<String, String> commands() {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      c = connect();
    }
    if (!c.isOpen()) {
      throw new Unavailable("the Redis connection is down (Lettuce is reconnecting)", null);
    }
    return c.async();
  }

  private StatefulRedisConnection<String, String> connect() {
    synchronized (connectLock) {
      if (closed) {
        throw new IllegalStateException("the FSM storage is closed");
      }
      if (connection != null) {
        return connection;
      }
      long now = clock.millis();
      if (now < nextConnectMillis) {
        throw new Unavailable("Redis was unreachable at the last attempt; retrying after a pause", null);
      }
      try {
        connection = client.connect(StringCodec.UTF8);
        return connection;
      } catch (RuntimeException e) {
        nextConnectMillis = now + RECONNECT_INTERVAL_MILLIS;
        throw new Unavailable("cannot connect to Redis: " + e.getMessage(), e);
      }
    }
  }

  /** Waits for a reply within the timeout, sorting failures into outage or not. */
  <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Unavailable("Redis did not answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FsmUnavailableException("interrupted while waiting for Redis", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RedisNoScriptException) {
        throw (RedisNoScriptException) cause;
      }
      if (cause instanceof RedisCommandExecutionException) {
        throw new FsmException("Redis rejected an FSM command: " + cause.getMessage(), cause);
      }
      throw new Unavailable("Redis call failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    synchronized (connectLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (connection != null) {
        connection.close();
      }
    }
  }
}
