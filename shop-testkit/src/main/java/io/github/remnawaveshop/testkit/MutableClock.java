package io.github.remnawaveshop.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC {@link Clock} that tests move by hand, so nothing has to sleep for time to pass.
 * Thread-safe: {@link #advance} and {@link #set} may race with readers on other threads.
 */
public class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  /** A clock standing at 2026-01-01T00:00:00Z. */
  public MutableClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A clock standing at the given instant. */
  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public void advance(Duration by) {
    Objects.requireNonNull(by, "by");
    now.updateAndGet(i -> i.plus(by));
  }

  /** Sets the clock to an instant. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Time zones do not matter to instants: the same clock. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
