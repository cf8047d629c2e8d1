package io.github.remnawaveshop.core.ratelimit;

import io.github.remnawaveshop.testkit.MutableClock;
import java.time.Instant;

/** The testkit's clock, started at an epoch millisecond and settable in milliseconds. */
final class TestClock extends MutableClock {
  TestClock(long startMillis) {
    super(Instant.ofEpochMilli(startMillis));
  }

  void set(long epochMillis) {
    set(Instant.ofEpochMilli(epochMillis));
  }
}
