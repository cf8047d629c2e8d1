package io.github.remnawaveshop.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** Helpers shared by the store tests. */
final class StoreTestSupport {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private StoreTestSupport() {}

  /** A clock that only moves when told to. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static final AtomicLong NEXT = new AtomicLong(1000);

  static NewUser newUser() {
    long n = NEXT.incrementAndGet();
    return NewUser.of(n, "en", "ref" + n);
  }
}
