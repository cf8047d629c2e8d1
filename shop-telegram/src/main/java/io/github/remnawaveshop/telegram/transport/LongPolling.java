package io.github.remnawaveshop.telegram.transport;

import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.telegram.api.TelegramApiException;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.GetUpdates;
import io.github.remnawaveshop.telegram.api.types.Update;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.DispatcherOverloadedException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling: {@code getUpdates} with a {@code timeout} (never short polling) on one thread, each
 * update handed to the dispatcher. The offset Telegram is given never passes an update that has not
 * been handled, so a crash re-delivers what was in flight (at-least-once) and a restart does not
 * replay what was handled; the dispatcher skips the re-fetched in-flight ones by {@code update_id}.
 * 409 Conflict is reported as what it is — a webhook is set, or another instance polls — and
 * network errors back off and recover. {@link #stop()} stops fetching, waits for the updates in
 * flight and confirms their offset.
 */
public final class LongPolling implements Managed {
  private static final Duration IN_FLIGHT_REPOLL = Duration.ofMillis(25);
  private static final Logger log = LoggerFactory.getLogger(LongPolling.class);

  private final TelegramBot bot;
  private final Dispatcher dispatcher;
  private final Duration timeout;
  private final int limit;
  private final List<String> allowedUpdates;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final Duration stopGrace;
  private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
  private volatile long maxSeen;
  private volatile boolean running;
  private volatile Thread thread;
  private volatile Future<?> poll;
  private final Object progress = new Object();
  private long finished;

  private LongPolling(Builder b) {
    this.bot = b.bot;
    this.dispatcher = b.dispatcher;
    this.timeout = b.timeout;
    this.limit = b.limit;
    this.allowedUpdates = List.copyOf(b.allowedUpdates);
    this.minBackoff = b.minBackoff;
    this.maxBackoff = b.maxBackoff;
    this.stopGrace = b.stopGrace;
  }

  /** A builder; bot and dispatcher are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "telegram-long-polling";
  }

  /** Starts the polling thread. */
  @Override
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("long polling is already running");
    }
    running = true;
    Thread t = new Thread(this::loop, "telegram-poller-" + bot.botId());
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /**
   * Starts polling and returns a handle whose {@code close()} stops it: for try-with-resources in
   * tests and small programs (a lifecycle calls {@link #start()} and {@link #stop()} itself).
   */
  public AutoCloseable asCloseable() {
    start();
    return this::stop;
  }

  /**
   * The offset the next {@code getUpdates} sends: the oldest unfinished update, or the one after
   * the newest.
   */
  public long offset() {
    Long oldest = inFlight.isEmpty() ? null : inFlight.first();
    return oldest != null ? oldest : maxSeen == 0 ? 0 : maxSeen + 1;
  }

  private void loop() {
    Duration backoff = minBackoff;
    while (running) {
      try {
        long offset = offset();
        Future<List<Update>> call =
            bot.executeAsync(
                new GetUpdates(offset, limit, (int) timeout.toSeconds(), allowedUpdates));
        poll = call;
        List<Update> updates = call.get(timeout.toSeconds() + 30, TimeUnit.SECONDS);
        backoff = minBackoff;
        int fresh = 0;
        for (Update u : updates) {
          if (u.updateId() <= maxSeen) {
            continue;
          }
          fresh++;
          maxSeen = u.updateId();
          hand(u);
        }
        if (fresh == 0 && !updates.isEmpty()) {
          // only updates still in flight came back (Telegram answers at once while any update at or
          // after the
          // offset is unconfirmed, so there is no long poll to wait in): wait until one of them
          // finishes, at
          // most IN_FLIGHT_REPOLL, then poll again. The cap bounds what a slow handler adds to the
          // next user's
          // update (it was 200 ms: the polling p99 of the shop load benchmark) against the
          // getUpdates calls it
          // costs while something is in flight (at most 40/s, each answered at once)
          waitForProgress(IN_FLIGHT_REPOLL);
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        if (!running) {
          return;
        }
        Throwable cause =
            e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        describe(cause, backoff);
        if (!sleep(backoff)) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                ? maxBackoff
                : backoff.multipliedBy(2);
      }
    }
  }

  private void hand(Update u) throws InterruptedException {
    inFlight.add(u.updateId());
    while (true) {
      try {
        dispatcher
            .dispatch(u, Duration.ofSeconds(1))
            .whenComplete((r, e) -> finished(u.updateId()));
        return;
      } catch (DispatcherOverloadedException e) {
        if (!running) {
          inFlight.remove(u.updateId());
          return;
        }
        log.debug("Dispatcher full; waiting to hand over update {}", u.updateId());
      }
    }
  }

  private void waitForProgress(Duration max) throws InterruptedException {
    synchronized (progress) {
      long seen = finished;
      long deadline = System.nanoTime() + max.toNanos();
      while (running && finished == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        progress.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void finished(long updateId) {
    inFlight.remove(updateId);
    synchronized (progress) {
      finished++;
      progress.notifyAll();
    }
  }

  private void describe(Throwable cause, Duration backoff) {
    if (cause instanceof TelegramApiException t && t.errorCode() == 409) {
      String what =
          t.description().contains("webhook")
              ? "a webhook is set for this bot: delete it (deleteWebhook) or use WebhookServer instead of long polling"
              : "another instance is polling with this token: run only one poller per bot";
      log.error("Long polling conflict: {}; retrying in {} s", what, backoff.toSeconds());
    } else if (cause instanceof TelegramApiException t && t.errorCode() == 401) {
      log.error(
          "Telegram refused the bot token (401 Unauthorized); check BOT_TOKEN. Retrying in {} s",
          backoff.toSeconds());
    } else {
      log.warn("getUpdates failed: {}; retrying in {} ms", cause.getMessage(), backoff.toMillis());
    }
  }

  private boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /**
   * Stops fetching, waits for the updates in flight (up to the stop grace) and confirms their
   * offset.
   */
  @Override
  public void stop() throws InterruptedException {
    Thread t;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      t = thread;
    }
    if (poll != null) {
      poll.cancel(true);
    }
    t.interrupt();
    t.join(5_000);
    long deadline = System.nanoTime() + stopGrace.toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (!inFlight.isEmpty()) {
      log.warn(
          "Stopped with {} updates still being handled; Telegram will deliver them again",
          inFlight.size());
    }
    long offset = offset();
    if (offset > 0) {
      try {
        bot.execute(new GetUpdates(offset, 1, 0, allowedUpdates));
        log.info("Long polling stopped; confirmed updates before {}", offset);
      } catch (TelegramApiException e) {
        log.warn(
            "Could not confirm the last offset {}: {}; those updates may be delivered again",
            offset,
            e.getMessage());
      }
    }
  }

  /** Builder of {@link LongPolling}; not thread-safe. */
  public static final class Builder {
    private TelegramBot bot;
    private Dispatcher dispatcher;
    private Duration timeout = Duration.ofSeconds(50);
    private int limit = 100;
    private List<String> allowedUpdates = UpdateKinds.SHOP;
    private Duration minBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration stopGrace = Duration.ofSeconds(4);

    private Builder() {}

    /** The client (required). */
    public Builder bot(TelegramBot bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
      return this;
    }

    /** The dispatcher (required). */
    public Builder dispatcher(Dispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
      return this;
    }

    /** How long Telegram holds a poll open, 1-50 s (default 50). */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.toSeconds() < 1 || timeout.toSeconds() > 50) {
        throw new IllegalArgumentException(
            "timeout must be 1-50 s (0 would be short polling); was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Updates per poll, 1-100 (default 100). */
    public Builder limit(int limit) {
      if (limit < 1 || limit > 100) {
        throw new IllegalArgumentException("limit must be 1-100; was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /**
     * The update kinds (default {@link UpdateKinds#SHOP}, which includes callback and pre-checkout
     * queries).
     */
    public Builder allowedUpdates(List<String> kinds) {
      this.allowedUpdates = List.copyOf(Objects.requireNonNull(kinds, "kinds"));
      return this;
    }

    /**
     * Backoff after a failed poll, doubling from {@code min} to {@code max} (default 0.5 s to 30
     * s).
     */
    public Builder backoff(Duration min, Duration max) {
      if (min == null
          || max == null
          || min.isNegative()
          || min.isZero()
          || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("backoff needs 0 < min <= max; was " + min + ", " + max);
      }
      this.minBackoff = min;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How long {@link LongPolling#stop()} waits for updates in flight (default 4 s: inside {@code
     * ShopLifecycle}'s default 5 s stop timeout, so the last offset is still confirmed).
     */
    public Builder stopGrace(Duration grace) {
      this.stopGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /** The transport. */
    public LongPolling build() {
      if (bot == null || dispatcher == null) {
        throw new IllegalArgumentException("bot and dispatcher must be set");
      }
      return new LongPolling(this);
    }
  }
}
