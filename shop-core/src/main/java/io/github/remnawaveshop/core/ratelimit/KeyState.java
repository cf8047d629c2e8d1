package io.github.remnawaveshop.core.ratelimit;

/**
 * One key's state in the in-memory limiter, whatever the algorithm: {@link SlidingLog} (exact) or
 * {@link GcraCell} (constant memory). Holds what the cache's weigher needs to pin a key whose ban
 * is in force, so size-based eviction never lifts a ban, for both algorithms alike.
 *
 * <p>Thread-safe: each subclass guards its own state; {@link #pinned} is set by the decision that
 * starts a ban and cleared by the first decision after it.
 */
abstract class KeyState {
  /** Whether the cache should treat this key as pinned (a ban in force); read by the weigher. */
  volatile boolean pinned;

  /** What the cache's weigher last saw of {@link #pinned}. */
  private volatile boolean weighedPinned;

  /**
   * Records one request at {@code nowMillis} and decides it.
   *
   * @param nowMillis the limiter's clock
   * @param rules the limiter's settings, shared by all its keys
   * @return the decision, counted in {@code rules.decisions()}
   */
  abstract Decision acquire(long nowMillis, KeyRules rules);

  /**
   * Takes over {@code evicted}'s ban if it ends later than this key's own; for a key that was
   * evicted while its ban started and replaced by a fresh state. Both are of the same subclass.
   *
   * @return this state
   */
  abstract KeyState adoptBan(KeyState evicted);

  /** When this key's ban ends (epoch ms of the limiter's clock), or 0 or less if never banned. */
  abstract long bannedUntil();

  /**
   * Called by the cache's weigher: 0 while a ban is in force (never evicted by size), else 1.
   * Remembers what it answered, so {@link #needsReweigh()} can tell when the answer changed.
   */
  final int weigh() {
    boolean p = pinned;
    weighedPinned = p;
    return p ? 0 : 1;
  }

  /** Whether a ban started or ended since the cache last weighed this key; two volatile reads. */
  final boolean needsReweigh() {
    return pinned != weighedPinned;
  }
}
