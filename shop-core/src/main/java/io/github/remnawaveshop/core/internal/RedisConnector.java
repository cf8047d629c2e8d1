package io.github.remnawaveshop.core.internal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One component's own Redis connection on a shared {@code RedisClient}, and the one place that
 * decides whether a failure means "Redis is unavailable" — used by the FSM storage and the cache.
 * Lettuce reconnects a dropped connection by itself; while it is down ({@code isOpen() == false})
 * calls fail at once instead of queueing.
 *
 * <p>Connecting never blocks a caller for longer than its timeout: the first use starts the connect
 * on a background thread (a connect to an address that accepts TCP but never answers can hang for
 * the client's whole connect timeout), and every caller waits at most its own timeout for that one
 * attempt. When an attempt fails, the next is allowed one second after the failure (not after its
 * start); callers before then fail at once. Redis replies {@code LOADING}, {@code READONLY} and
 * {@code MASTERDOWN} (a restart, a failover or a replica that lost its master) count as unavailable
 * too. Thread-safe. Not API.
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
    public Unavailable(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The caller's thread was interrupted while waiting for Redis (the interrupt flag is set again).
   */
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
  private final Object lock = new Object();
  private volatile @Nullable C connection;
  private boolean closed; // guarded by lock
  private @Nullable CompletableFuture<C>
      attempt; // guarded by lock; the connect in progress or the last one
  private long nextConnectMillis; // guarded by lock

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
      c = connect(timeoutNanos);
    }
    if (!c.isOpen()) {
      throw new Unavailable("the Redis connection is down (Lettuce is reconnecting)", null);
    }
    return c;
  }

  /**
   * The open connection, waiting up to {@code patience} (instead of the timeout) for a connect in
   * progress: for a startup that would rather wait than fail.
   *
   * @param patience how long to wait for the connect
   * @return the connection
   * @throws Unavailable when Redis cannot be reached within {@code patience}
   */
  public C connection(Duration patience) {
    C c = connection;
    if (c == null) {
      c = connect(patience.toNanos());
    }
    if (!c.isOpen()) {
      throw new Unavailable("the Redis connection is down (Lettuce is reconnecting)", null);
    }
    return c;
  }

  /**
   * @return the connection if one was made, else null (for closing companions)
   */
  public @Nullable C current() {
    return connection;
  }

  private C connect(long waitNanos) {
    CompletableFuture<C> running = attempt();
    try {
      return running.get(waitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new Unavailable(
          "connecting to Redis takes longer than "
              + Duration.ofNanos(waitNanos).toMillis()
              + " ms; still trying in the background",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(e);
    } catch (ExecutionException e) {
      Throwable failure = e.getCause();
      Throwable cause = failure != null ? failure : e; // the attempt always completes with a cause
      if (cause instanceof IllegalStateException) {
        throw (IllegalStateException) cause;
      }
      throw cause instanceof Unavailable
          ? (Unavailable) cause
          : new Unavailable("cannot connect to Redis: " + cause.getMessage(), cause);
    }
  }

  /** The attempt to wait for: the one in progress, or a new one on a thread of its own. */
  private CompletableFuture<C> attempt() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(owner + " is closed");
      }
      if (connection != null) {
        return CompletableFuture.completedFuture(connection);
      }
      if (attempt != null && !attempt.isDone()) {
        return attempt;
      }
      if (clock.millis() < nextConnectMillis) {
        throw new Unavailable(
            "Redis was unreachable at the last attempt; retrying after a pause", null);
      }
      CompletableFuture<C> next = new CompletableFuture<>();
      attempt = next;
      Thread t = new Thread(() -> runAttempt(next), "redis-connect (" + owner + ")");
      t.setDaemon(true);
      t.start();
      return next;
    }
  }

  private void runAttempt(CompletableFuture<C> result) {
    C c;
    try {
      c = connect.get();
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        // counted from the failure: a connect that timed out after 10 s must not allow the next one
        // at once
        nextConnectMillis = clock.millis() + RECONNECT_INTERVAL_MILLIS;
      }
      result.completeExceptionally(e);
      return;
    }
    boolean keep;
    synchronized (lock) {
      keep = !closed;
      if (keep) {
        connection = c;
      }
    }
    if (keep) {
      result.complete(c);
    } else {
      c.closeAsync();
      result.completeExceptionally(new IllegalStateException(owner + " is closed"));
    }
  }

  /**
   * Waits for a reply within the timeout.
   *
   * @param future the reply
   * @param <T> its type
   * @return the reply
   * @throws Unavailable on a timeout, a connection failure or a reply that {@link #meansUnavailable
   *     means unavailable} ({@link Interrupted} when interrupted)
   * @throws RedisCommandExecutionException when Redis answered with an error (the caller decides)
   */
  public <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Unavailable(
          "Redis did not answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RedisCommandExecutionException) {
        if (meansUnavailable(cause.getMessage())) {
          throw new Unavailable("Redis cannot serve now: " + cause.getMessage(), cause);
        }
        throw (RedisCommandExecutionException) cause;
      }
      throw new Unavailable("Redis call failed: " + cause, cause);
    }
  }

  /**
   * Whether a Redis error reply means the server cannot serve for now (it is loading its data set
   * after a restart, is a replica after a failover, or lost its master) rather than a rejected
   * command.
   *
   * @param reply the error reply, e.g. {@code "LOADING Redis is loading the dataset in memory"}
   * @return true for {@code LOADING}, {@code READONLY} and {@code MASTERDOWN}
   */
  public static boolean meansUnavailable(@Nullable String reply) {
    return reply != null
        && (reply.startsWith("LOADING")
            || reply.startsWith("READONLY")
            || reply.startsWith("MASTERDOWN"));
  }

  /** Closes the connection; later calls fail with {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() {
    C c;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      c = connection;
    }
    if (c != null) {
      c.close();
    }
  }
}
