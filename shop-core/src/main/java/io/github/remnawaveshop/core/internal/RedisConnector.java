package io.github.remnawaveshop.core.internal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One component's own Redis connection on a shared {@code RedisClient}, and the one place that decides
 * whether a failure means "Redis is unavailable" — used by the FSM storage and the cache (it replaces
 * their two copies, {@code RedisLink} and the connection half of {@code CacheRedis}). Lettuce reconnects
 * a dropped connection by itself; while it is down ({@code isOpen() == false}) calls fail at once instead
 * of queueing. The first connect is made on first use; when it fails, the next attempt is allowed one
 * second after the failure (not after its start). Callers never queue behind another caller's blocking
 * connect for longer than their own timeout: they fail as unavailable instead. Thread-safe. Not API.
 *
 * @param <C> the connection type (commands or pub/sub)
 */
public final class RedisConnector<C extends StatefulConnection<?, ?>> implements AutoCloseable {
  private static final long RECONNECT_INTERVAL_MILLIS = 1000;

  /** Redis is unreachable or did not answer in time: the caller's outage policy applies. */
  public static class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying failure, or null
     */
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The caller's thread was interrupted while waiting for Redis (the interrupt flag is set again). */
  public static final class Interrupted extends Unavailable {
    private static final long serialVersionUID = 1L;

    Interrupted(InterruptedException cause) {
      super("interrupted while waiting for Redis", cause);
    }
  }

  private final String owner;
  private final long timeoutNanos;
  private final Clock clock;
  private final Supplier<C> connect;
  private final ReentrantLock connectLock = new ReentrantLock();
  private volatile C connection;
  private volatile boolean closed;
  private volatile long nextConnectMillis;

  /**
   * Creates the connector; nothing is connected yet.
   *
   * @param owner what owns the connection, for messages (e.g. {@code "the FSM storage"})
   * @param timeout how long a caller waits for a reply (and, at most, for another caller's connect)
   * @param clock when the next connect attempt is allowed
   * @param connect opens the connection (and whatever goes with it); may block up to the client's
   *     connect timeout and throw
   */
  public RedisConnector(String owner, Duration timeout, Clock clock, Supplier<C> connect) {
    this.owner = owner;
    this.timeoutNanos = timeout.toNanos();
    this.clock = clock;
    this.connect = connect;
  }

  /**
   * The open connection, connecting first if there is none yet.
   *
   * @return the connection
   * @throws Unavailable when Redis cannot be reached now
   * @throws IllegalStateException when closed
   */
  public C connection() {
    C c = connection;
    if (c == null) {
      c = connect();
    }
    if (!c.isOpen()) {
      throw new Unavailable("the Redis connection is down (Lettuce is reconnecting)", null);
    }
    return c;
  }

  /** @return the connection if one was made, else null (for closing companions) */
  public C current() {
    return connection;
  }

  private C connect() {
    if (closed) {
      throw new IllegalStateException(owner + " is closed");
    }
    if (clock.millis() < nextConnectMillis) {
      throw new Unavailable("Redis was unreachable at the last attempt; retrying after a pause", null);
    }
    boolean locked;
    try {
      locked = connectLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(e);
    }
    if (!locked) {
      throw new Unavailable("another caller is still connecting to Redis", null);
    }
    try {
      if (closed) {
        throw new IllegalStateException(owner + " is closed");
      }
      if (connection != null) {
        return connection;
      }
      if (clock.millis() < nextConnectMillis) {
        throw new Unavailable("Redis was unreachable at the last attempt; retrying after a pause", null);
      }
      try {
        C c = connect.get();
        connection = c;
        return c;
      } catch (RuntimeException e) {
        // counted from the failure: a connect that timed out after 10 s must not allow the next one at once
        nextConnectMillis = clock.millis() + RECONNECT_INTERVAL_MILLIS;
        throw e instanceof Unavailable ? (Unavailable) e : new Unavailable("cannot connect to Redis: " + e.getMessage(), e);
      }
    } finally {
      connectLock.unlock();
    }
  }

  /**
   * Waits for a reply within the timeout.
   *
   * @param future the reply
   * @param <T> its type
   * @return the reply
   * @throws Unavailable on a timeout or a connection failure ({@link Interrupted} when interrupted)
   * @throws RedisCommandExecutionException when Redis answered with an error (the caller decides)
   */
  public <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Unavailable("Redis did not answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RedisCommandExecutionException) {
        throw (RedisCommandExecutionException) cause;
      }
      throw new Unavailable("Redis call failed: " + cause, cause);
    }
  }

  /** Closes the connection; later calls fail with {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() {
    connectLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (connection != null) {
        connection.close();
      }
    } finally {
      connectLock.unlock();
    }
  }
}
