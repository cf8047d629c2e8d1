package io.github.remnawaveshop.core.ratelimit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One key's GCRA state (generic cell rate algorithm, as redis-cell does): a single "theoretical
 * arrival time" ({@code tat}) and the end of its ban, whatever the limit. For {@code N} requests
 * per window {@code W} each allowed request costs an emission interval {@code T = W/N}; a request
 * at {@code t} is allowed iff {@code max(tat, t) + T <= t + W}, and then {@code tat} becomes {@code
 * max(tat, t) + T}. So a key that has been idle for {@code W} has a burst of {@code N}, after which
 * one request passes every {@code T}: never more than {@code N} in a burst, but up to {@code 2N -
 * 1} in some window {@code W} (a full burst at its end, then the steady rate).
 *
 * <p><b>Units.</b> Times are relative to {@link KeyRules#originMillis()} and multiplied by {@code
 * N}, so {@code T} is exactly {@code W} ms units and every step is integer arithmetic without
 * rounding; {@code |t| x N} stays far from overflow for any clock within thousands of years of the
 * origin at the largest limit, and the builder refuses a window for which {@code W x N} would not.
 *
 * <p><b>Concurrency.</b> Lock-free: a decision reads {@code tat} and, if allowed, moves it forward
 * with one compare-and-set, retrying only if another thread moved it first (then it decides again
 * on the newer value, so two threads can never spend the same slot). A refused decision writes
 * nothing unless it starts a ban (one compare-and-set on the ban's end: exactly one thread gets
 * {@link Decision.Outcome#BAN_STARTED}).
 */
final class GcraCell extends KeyState {
  private static final VarHandle TAT;
  private static final VarHandle BANNED_UNTIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TAT = lookup.findVarHandle(GcraCell.class, "tat", long.class);
      BANNED_UNTIL = lookup.findVarHandle(GcraCell.class, "bannedUntil", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The theoretical arrival time, in the scaled units above; "long ago" when fresh. */
  @SuppressWarnings("unused") // through TAT
  private volatile long tat = Long.MIN_VALUE;

  /** The ban's end, epoch ms of the limiter's clock; 0 if never banned. */
  @SuppressWarnings("unused") // through BANNED_UNTIL
  private volatile long bannedUntil;

  @Override
  Decision acquire(long nowMillis, KeyRules rules) {
    Decisions decisions = rules.decisions();
    long banEnd = (long) BANNED_UNTIL.getAcquire(this);
    if (banEnd > nowMillis) {
      return decisions.banned(banEnd - nowMillis, banEnd);
    }
    if (pinned) {
      pinned = false; // the ban is over: let size-based eviction see this key again
    }
    long limit = rules.limit();
    long interval = rules.windowMillis(); // T = W / N, scaled by N
    long window = interval * limit; // W, scaled by N
    long now = (nowMillis - rules.originMillis()) * limit;
    for (; ; ) {
      long current = (long) TAT.getAcquire(this);
      long next = Math.max(current, now) + interval;
      long ahead = next - now;
      if (ahead > window) {
        return refuse(nowMillis, limit, ahead - window, rules);
      }
      if (TAT.weakCompareAndSet(this, current, next)) {
        return decisions.allowed((int) ((window - ahead) / interval));
      }
    }
  }

  /** A refusal; {@code waitScaled} is how far {@code now} is from the next conforming time. */
  private Decision refuse(long nowMillis, long limit, long waitScaled, KeyRules rules) {
    Decisions decisions = rules.decisions();
    long banMillis = rules.banMillis();
    if (banMillis == 0) {
      return decisions.limited((waitScaled + limit - 1) / limit);
    }
    long end = nowMillis + banMillis;
    for (; ; ) {
      long seen = (long) BANNED_UNTIL.getAcquire(this);
      if (seen > nowMillis) {
        return decisions.banned(seen - nowMillis, seen); // another thread started it just now
      }
      if (BANNED_UNTIL.compareAndSet(this, seen, end)) {
        pinned = true;
        return decisions.banStarted(banMillis, end);
      }
    }
  }

  @Override
  GcraCell adoptBan(KeyState evicted) {
    long theirs = evicted.bannedUntil();
    for (; ; ) {
      long mine = (long) BANNED_UNTIL.getAcquire(this);
      if (theirs <= mine) {
        return this;
      }
      if (BANNED_UNTIL.compareAndSet(this, mine, theirs)) {
        pinned = true;
        return this;
      }
    }
  }

  @Override
  long bannedUntil() {
    return (long) BANNED_UNTIL.getAcquire(this);
  }
}
