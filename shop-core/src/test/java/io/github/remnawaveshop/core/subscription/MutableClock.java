package io.github.remnawaveshop.core.subscription;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The testkit's clock, truncated to PostgreSQL's microsecond precision so stored times compare
 * equal.
 */
final class MutableClock extends io.github.remnawaveshop.testkit.MutableClock {
  MutableClock(Instant now) {
    super(now.truncatedTo(ChronoUnit.MICROS));
  }
}
