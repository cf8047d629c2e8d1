package io.github.remnawaveshop.telegram.api.internal;

import io.github.remnawaveshop.telegram.api.Lane;
import io.github.remnawaveshop.telegram.api.RateLimitedException;
import io.github.remnawaveshop.telegram.api.TelegramApiException;
import io.github.remnawaveshop.telegram.api.TelegramUnavailableException;
import io.github.remnawaveshop.telegram.api.Throttle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throttle's queue: one scheduler thread hands calls to the HTTP layer when every window they
 * belong to has room. Calls to one chat leave one at a time and in order (a chat has at most one
 * call in flight); interactive calls are picked before bulk ones; a 429 puts the call back at the
 * head of its chat's queue and pauses the chat (and, for bulk calls or calls without a chat,
 * everything) for {@code retry_after}.
 */
public final class ThrottleQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ThrottleQueue.class);
  private static final long NO_CHAT = Long.MIN_VALUE;
  private static final long SWEEP_NANOS = Duration.ofSeconds(10).toNanos();

  private final Throttle settings;
  private final LongSupplier nanoTime;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final SlidingWindow global;
  private final Map<Long, ChatState> chats = new HashMap<>();
  private final EnumMap<Lane, LinkedHashSet<ChatState>> ready = new EnumMap<>(Lane.class);
  private final Thread scheduler;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private long globalPausedUntil;
  private long lastSweep;
  private int queued;
  private boolean closed;

  /**
   * A queue running its scheduler thread.
   *
   * @param settings the limits
   * @param nanoTime the time source ({@code System::nanoTime})
   * @param threadName the scheduler thread's name
   */
  public ThrottleQueue(Throttle settings, LongSupplier nanoTime, String threadName) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.global = new SlidingWindow(settings.globalLimit(), settings.globalWindow().toNanos());
    for (Lane lane : Lane.values()) {
      ready.put(lane, new LinkedHashSet<>());
    }
    this.scheduler = new Thread(this::run, threadName);
    scheduler.setDaemon(true);
    scheduler.start();
  }

  /**
   * Queues one call.
   *
   * @param lane its lane
   * @param chat the chat it addresses, or {@code Long.MIN_VALUE} for none
   * @param method the method's name, for errors
   * @param call starts the HTTP call; may be invoked again after a 429
   * @return the call's result
   */
  public <R> CompletableFuture<R> submit(
      Lane lane, long chat, String method, Supplier<CompletableFuture<R>> call) {
    Item<R> item = new Item<>(lane, chat, method, call);
    lock.lock();
    try {
      if (closed) {
        item.result.completeExceptionally(
            new TelegramUnavailableException(method, 0, "the bot client is closed", null));
        return item.result;
      }
      if (queued >= settings.maxQueued()) {
        item.result.completeExceptionally(
            new TelegramApiException(
                method,
                0,
                "the throttle queue is full (" + settings.maxQueued() + " calls waiting)",
                null,
                null,
                null));
        return item.result;
      }
      queued++;
      ChatState state = chats.computeIfAbsent(chat, ChatState::new);
      state.lanes.get(lane).addLast(item);
      ready.get(lane).add(state);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return item.result;
  }

  /** Calls waiting or in flight. */
  public int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  /** Calls handed to HTTP so far, retries included. */
  public long sent() {
    return sent.get();
  }

  /** 429 answers seen so far. */
  public long rateLimited() {
    return rateLimited.get();
  }

  private void run() {
    while (true) {
      Item<?> next;
      lock.lock();
      try {
        while (true) {
          if (closed) {
            return;
          }
          long now = nanoTime.getAsLong();
          sweep(now);
          long[] wake = {Long.MAX_VALUE};
          next = pick(now, wake);
          if (next != null) {
            break;
          }
          try {
            if (wake[0] == Long.MAX_VALUE) {
              changed.await();
            } else {
              changed.awaitNanos(Math.max(1, wake[0] - now));
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      } finally {
        lock.unlock();
      }
      start(next);
    }
  }

  /**
   * Picks the first call whose windows all have room, marking its chat busy; else sets when to look
   * again.
   */
  private Item<?> pick(long now, long[] wake) {
    if (globalPausedUntil > now) {
      wake[0] = globalPausedUntil;
      return null;
    }
    long globalBlocked = global.blockedUntil(now);
    if (globalBlocked != 0) {
      wake[0] = globalBlocked; // MAX_VALUE: every slot is in flight, an answer will signal
      return null;
    }
    for (Lane lane : Lane.values()) {
      Iterator<ChatState> it = ready.get(lane).iterator();
      while (it.hasNext()) {
        ChatState chat = it.next();
        if (chat.lanes.get(lane).isEmpty()) {
          it.remove();
          continue;
        }
        if (chat.inFlight) {
          continue;
        }
        long blocked = chat.blockedUntil(now);
        if (blocked != 0) {
          wake[0] = Math.min(wake[0], blocked);
          continue;
        }
        Item<?> item = chat.lanes.get(lane).removeFirst();
        if (chat.lanes.get(lane).isEmpty()) {
          it.remove();
        }
        chat.inFlight = true;
        item.slots.add(global.take());
        chat.take(item.slots);
        return item;
      }
    }
    return null;
  }

  private <R> void start(Item<R> item) {
    sent.incrementAndGet();
    CompletableFuture<R> attempt;
    try {
      attempt = item.call.get();
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    attempt.whenComplete((value, error) -> done(item, value, error));
  }

  private <R> void done(Item<R> item, R value, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    boolean retry = false;
    lock.lock();
    try {
      long answeredAt = nanoTime.getAsLong();
      for (SlidingWindow.Slot slot : item.slots) {
        slot.done(answeredAt);
      }
      item.slots.clear();
      queued--;
      ChatState chat = chats.get(item.chat);
      if (chat != null) {
        chat.inFlight = false;
      }
      if (cause instanceof RateLimitedException limited && !closed) {
        rateLimited.incrementAndGet();
        long wait = limited.retryAfter().orElse(Duration.ofSeconds(1)).toNanos();
        if (item.waitedNanos + wait <= settings.maxRetryWait().toNanos()) {
          retry = true;
          item.waitedNanos += wait;
          long until = nanoTime.getAsLong() + wait;
          ChatState state = chats.computeIfAbsent(item.chat, ChatState::new);
          state.pausedUntil = Math.max(state.pausedUntil, until);
          if (item.chat == NO_CHAT || item.lane == Lane.BULK) {
            globalPausedUntil = Math.max(globalPausedUntil, until);
          }
          state.lanes.get(item.lane).addFirst(item);
          ready.get(item.lane).add(state);
          queued++;
          log.warn(
              "Telegram asked to slow down ({} to {}): pausing {} for {} ms",
              item.method,
              item.chat == NO_CHAT ? "-" : item.chat,
              item.chat == NO_CHAT || item.lane == Lane.BULK ? "all sends" : "the chat",
              wait / 1_000_000);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (retry) {
      return;
    }
    if (cause != null) {
      item.result.completeExceptionally(cause);
    } else {
      item.result.complete(value);
    }
  }

  private void sweep(long now) {
    if (now - lastSweep < SWEEP_NANOS) {
      return;
    }
    lastSweep = now;
    chats.values().removeIf(c -> c.idle(now));
  }

  /** Stops the scheduler and fails every call still waiting. */
  @Override
  public void close() {
    java.util.List<Item<?>> dropped = new java.util.ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (ChatState chat : chats.values()) {
        for (ArrayDeque<Item<?>> q : chat.lanes.values()) {
          dropped.addAll(q);
          q.clear();
        }
      }
      queued -= dropped.size();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Item<?> item : dropped) {
      item.result.completeExceptionally(
          new TelegramUnavailableException(
              item.method, 0, "the bot client was closed before the call could be sent", null));
    }
    scheduler.interrupt();
  }

  private final class ChatState {
    final long id;
    final EnumMap<Lane, ArrayDeque<Item<?>>> lanes = new EnumMap<>(Lane.class);
    final SlidingWindow chatWindow;
    final SlidingWindow groupWindow;
    boolean inFlight;
    long pausedUntil;

    ChatState(long id) {
      this.id = id;
      for (Lane lane : Lane.values()) {
        lanes.put(lane, new ArrayDeque<>());
      }
      boolean none = id == NO_CHAT;
      chatWindow =
          none ? null : new SlidingWindow(settings.chatLimit(), settings.chatWindow().toNanos());
      groupWindow =
          none || id > 0
              ? null
              : new SlidingWindow(settings.groupLimit(), settings.groupWindow().toNanos());
    }

    long blockedUntil(long now) {
      long until = pausedUntil > now ? pausedUntil : 0;
      if (chatWindow != null) {
        until = Math.max(until, chatWindow.blockedUntil(now));
      }
      if (groupWindow != null) {
        until = Math.max(until, groupWindow.blockedUntil(now));
      }
      return until;
    }

    void take(java.util.List<SlidingWindow.Slot> into) {
      if (chatWindow != null) {
        into.add(chatWindow.take());
      }
      if (groupWindow != null) {
        into.add(groupWindow.take());
      }
    }

    boolean idle(long now) {
      if (inFlight || pausedUntil > now) {
        return false;
      }
      for (ArrayDeque<Item<?>> q : lanes.values()) {
        if (!q.isEmpty()) {
          return false;
        }
      }
      return (chatWindow == null || chatWindow.idle(now))
          && (groupWindow == null || groupWindow.idle(now));
    }

    @Override
    public String toString() {
      return "chat " + id;
    }
  }

  private static final class Item<R> {
    final Lane lane;
    final long chat;
    final String method;
    final Supplier<CompletableFuture<R>> call;
    final CompletableFuture<R> result = new CompletableFuture<>();
    final java.util.List<SlidingWindow.Slot> slots = new java.util.ArrayList<>(3);
    long waitedNanos;

    Item(Lane lane, long chat, String method, Supplier<CompletableFuture<R>> call) {
      this.lane = lane;
      this.chat = chat;
      this.method = method;
      this.call = call;
    }
  }

  /** The key of "no chat" for {@link #submit}. */
  public static long noChat() {
    return NO_CHAT;
  }
}
