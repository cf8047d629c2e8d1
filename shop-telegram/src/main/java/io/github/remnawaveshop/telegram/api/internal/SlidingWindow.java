package io.github.remnawaveshop.telegram.api.internal;

import java.util.ArrayDeque;

/** At most {@code limit} events in any window of {@code windowNanos}; guarded by the throttle's lock. */
final class SlidingWindow {
  private final int limit;
  private final long windowNanos;
  private final ArrayDeque<Long> events = new ArrayDeque<>();

  SlidingWindow(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  /** 0 when an event may happen at {@code now}, else the nano time when it may. */
  long blockedUntil(long now) {
    evict(now);
    if (limit == Integer.MAX_VALUE || events.size() < limit) {
      return 0;
    }
    return events.peekFirst() + windowNanos;
  }

  void record(long now) {
    if (limit != Integer.MAX_VALUE) {
      events.addLast(now);
    }
  }

  boolean idle(long now) {
    evict(now);
    return events.isEmpty();
  }

  private void evict(long now) {
    while (!events.isEmpty() && now - events.peekFirst() >= windowNanos) {
      events.removeFirst();
    }
  }
}
