package io.github.remnawaveshop.core.ratelimit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One key's exact sliding log: the times of its allowed requests still inside the window, oldest
 * first, in a ring, and the end of its ban. A request at {@code now} is allowed iff fewer than
 * {@code limit} logged times are newer than {@code now - window}. So no half-open window {@code (t
 * - window, t]} ever holds more than {@code limit} allowed requests.
 *
 * <p><b>Memory.</b> The ring holds only times inside the window: it starts at {@value #INITIAL}
 * slots, doubles when full (up to {@code limit}), drops times as they leave the window and halves
 * when a quarter or less of it is used. A key therefore holds at most about four slots per request
 * it made in the last window (never more than {@code limit}), not {@code limit} slots up front. A
 * ban at least as long as the window empties the ring: every logged time has left the window when
 * the ban ends.
 *
 * <p><b>Concurrency.</b> Guarded by a per-log spin lock (one compare-and-set to enter, a release
 * store to leave; {@link Thread#onSpinWait()}, then {@link Thread#yield()} while another thread is
 * inside). The critical section is a few dozen instructions and never blocks, so a thread never
 * parks: two threads that meet on one key cost each other a few nanoseconds instead of the
 * park/unpark hand-off of an inflated monitor, which used to lock them into a convoy key after key.
 * Keys never contend with each other.
 */
final class SlidingLog extends KeyState {
  static final int INITIAL = 4;
  private static final long[] NONE = new long[0];
  private static final int SPINS_BEFORE_YIELD = 64;
  private static final VarHandle LOCK;

  static {
    try {
      LOCK = MethodHandles.lookup().findVarHandle(SlidingLog.class, "lock", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through LOCK
  private volatile int lock;

  private final int limit;
  private long[] times = NONE;
  private int head;
  private int size;
  private long bannedUntil;

  SlidingLog(int limit) {
    this.limit = limit;
  }

  @Override
  Decision acquire(long nowMillis, KeyRules rules) {
    enter();
    try {
      return decide(nowMillis, rules.windowMillis(), rules.banMillis(), rules.decisions());
    } finally {
      LOCK.setRelease(this, 0);
    }
  }

  private Decision decide(long nowMillis, long windowMillis, long banMillis, Decisions decisions) {
    long now = nowMillis;
    if (bannedUntil > now) {
      return decisions.banned(bannedUntil - now, bannedUntil);
    }
    if (pinned) {
      pinned = false; // the ban is over: let size-based eviction see this key again
    }
    if (size > 0) {
      long newest = times[index(size - 1)];
      if (newest > now) {
        now = newest; // the clock stepped back: keep the log ordered
      }
    }
    long windowStart = now - windowMillis;
    while (size > 0 && times[head] <= windowStart) {
      head = next(head);
      size--;
    }
    if (size == limit) {
      if (banMillis > 0) {
        bannedUntil = now + banMillis;
        pinned = true;
        if (banMillis >= windowMillis) {
          release(); // when the ban ends, every logged time is out of the window
        }
        return decisions.banStarted(banMillis, bannedUntil);
      }
      return decisions.limited(times[head] + windowMillis - now);
    }
    if (size == times.length) {
      resize(Math.min(limit, Math.max(INITIAL, times.length * 2)));
    } else if (times.length > INITIAL && size <= times.length / 4) {
      resize(Math.max(INITIAL, times.length / 2));
    }
    times[index(size)] = now;
    size++;
    return decisions.allowed(limit - size);
  }

  private void enter() {
    if (!LOCK.compareAndSet(this, 0, 1)) {
      enterContended();
    }
  }

  private void enterContended() {
    int spins = 0;
    do {
      while (lock != 0) {
        if (++spins < SPINS_BEFORE_YIELD) {
          Thread.onSpinWait();
        } else {
          Thread.yield(); // the holder may have been descheduled: give it the core
        }
      }
    } while (!LOCK.compareAndSet(this, 0, 1));
  }

  private void resize(int capacity) {
    long[] grown = new long[capacity];
    for (int i = 0; i < size; i++) {
      grown[i] = times[index(i)];
    }
    times = grown;
    head = 0;
  }

  private void release() {
    times = NONE;
    head = 0;
    size = 0;
  }

  private int next(int i) {
    return i + 1 == times.length ? 0 : i + 1;
  }

  private int index(int offset) {
    int i = head + offset;
    return i >= times.length ? i - times.length : i;
  }

  /** {@inheritDoc} Locks one log at a time. */
  @Override
  SlidingLog adoptBan(KeyState evicted) {
    long theirs = evicted.bannedUntil();
    enter();
    try {
      if (theirs > bannedUntil) {
        bannedUntil = theirs;
        pinned = true;
      }
    } finally {
      LOCK.setRelease(this, 0);
    }
    return this;
  }

  @Override
  long bannedUntil() {
    enter();
    try {
      return bannedUntil;
    } finally {
      LOCK.setRelease(this, 0);
    }
  }

  /** How many timestamps this log can hold without growing (tests). */
  int capacity() {
    enter();
    try {
      return times.length;
    } finally {
      LOCK.setRelease(this, 0);
    }
  }
}
