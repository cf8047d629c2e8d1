package io.github.remnawaveshop.telegram.api.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * At most {@code limit} sends in any window of {@code windowNanos}, measured conservatively: a send
 * occupies its slot from the moment it is handed to HTTP until {@code windowNanos} after its answer
 * came back. The server counts a send when it arrives, which lies between those two moments, so the
 * server never sees more than {@code limit} in any window, whatever the network's jitter. Guarded
 * by the throttle's lock.
 */
final class SlidingWindow {
  private static final long IN_FLIGHT = Long.MAX_VALUE;

  private final int limit;
  private final long windowNanos;
  private final List<Slot> slots = new ArrayList<>();

  SlidingWindow(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  /**
   * 0 when a send may start at {@code now}; {@link Long#MAX_VALUE} when every slot is held by a
   * send still in flight (its answer wakes the scheduler); else the nano time when the oldest slot
   * frees.
   */
  long blockedUntil(long now) {
    evict(now);
    if (limit == Integer.MAX_VALUE || slots.size() < limit) {
      return 0;
    }
    long earliest = IN_FLIGHT;
    for (Slot s : slots) {
      if (s.doneAt != IN_FLIGHT) {
        earliest = Math.min(earliest, s.doneAt + windowNanos);
      }
    }
    return earliest;
  }

  /**
   * Takes a slot for a send starting now; release it with {@link Slot#done(long)} when its answer
   * came.
   */
  Slot take() {
    Slot s = new Slot();
    if (limit != Integer.MAX_VALUE) {
      slots.add(s);
    }
    return s;
  }

  boolean idle(long now) {
    evict(now);
    return slots.isEmpty();
  }

  private void evict(long now) {
    slots.removeIf(s -> s.doneAt != IN_FLIGHT && now - s.doneAt >= windowNanos);
  }

  /** One send's place in a window. */
  static final class Slot {
    private long doneAt = IN_FLIGHT;

    /** The send's answer came back at {@code now}: the slot frees one window later. */
    void done(long now) {
      if (doneAt == IN_FLIGHT) {
        doneAt = now;
      }
    }
  }
}
