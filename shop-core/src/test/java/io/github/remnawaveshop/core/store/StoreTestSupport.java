package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Helpers shared by the store tests. */
final class StoreTestSupport {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private StoreTestSupport() {}

  /** A clock that only moves when told to. */
  /** The testkit's clock, under the name the store tests use. */
  static final class MutableClock extends io.github.remnawaveshop.testkit.MutableClock {
    MutableClock(Instant now) {
      super(now);
    }
  }

  private static final AtomicLong NEXT = new AtomicLong(1000);

  static NewUser newUser() {
    long n = NEXT.incrementAndGet();
    return NewUser.of(n, "en", "ref" + n);
  }
}
