package io.github.remnawaveshop.core.ratelimit;

/**
 * One key's exact sliding log: the times of its last {@code limit} allowed requests in a ring
 * (oldest at {@code head}), and the end of its ban. A request at {@code now} is allowed iff fewer
 * than {@code limit} of them are newer than {@code now - window}, i.e. iff the oldest of the last
 * {@code limit} is at or before {@code now - window}. So no half-open window {@code (t - window, t]}
 * ever holds more than {@code limit} allowed requests.
 *
 * <p>Guarded by its own monitor: keys never contend with each other.
 */
final class SlidingLog {
  private final long[] times;
  private int head;
  private int size;
  private long bannedUntil;

  SlidingLog(int limit) {
    times = new long[limit];
  }

  synchronized Decision acquire(long nowMillis, long windowMillis, long banMillis, Decisions decisions) {
    long now = nowMillis;
    if (bannedUntil > now) {
      return decisions.banned(bannedUntil - now, bannedUntil);
    }
    int n = times.length;
    if (size > 0) {
      long newest = times[index(size - 1)];
      if (newest > now) {
        now = newest; // the clock stepped back: keep the log ordered
      }
    }
    long windowStart = now - windowMillis;
    if (size < n) {
      times[index(size)] = now;
      size++;
    } else if (times[head] <= windowStart) {
      times[head] = now;
      head = head + 1 == n ? 0 : head + 1;
    } else if (banMillis > 0) {
      bannedUntil = now + banMillis;
      return decisions.banStarted(banMillis, bannedUntil);
    } else {
      return decisions.limited(times[head] + windowMillis - now);
    }
    return decisions.allowed(n - inWindow(windowStart));
  }

  /** How many logged times are after {@code windowStart}; the ring is sorted, so a binary search. */
  private int inWindow(long windowStart) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[index(mid)] > windowStart) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return size - lo;
  }

  /** How many timestamps this log can hold without growing (tests). */
  synchronized int capacity() {
    return times.length;
  }

  private int index(int offset) {
    int i = head + offset;
    return i >= times.length ? i - times.length : i;
  }
}
