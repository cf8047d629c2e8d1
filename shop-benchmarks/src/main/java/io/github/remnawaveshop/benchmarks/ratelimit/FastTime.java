package io.github.remnawaveshop.benchmarks.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time running 1000x faster than real time (one real microsecond is one simulated millisecond), fed
 * to both our limiter (as a {@link Clock}) and Bucket4j (as a {@link TimeMeter}): a 20-per-minute
 * limit then refills in 60 real ms, so a short JMH iteration sees a steady mix of allowed and
 * refused requests instead of drifting from all-allowed to all-refused.
 */
final class FastTime {
  private static final long BASE_NANOS = System.nanoTime();
  private static final long EPOCH_MILLIS = 1_764_000_000_000L;

  private FastTime() {}

  static long millis() {
    return EPOCH_MILLIS + (System.nanoTime() - BASE_NANOS) / 1_000;
  }

  static final Clock CLOCK =
      new Clock() {
        @Override
        public long millis() {
          return FastTime.millis();
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };

  static final TimeMeter TIME_METER =
      new TimeMeter() {
        @Override
        public long currentTimeNanos() {
          return (System.nanoTime() - BASE_NANOS) * 1_000;
        }

        @Override
        public boolean isWallClockBased() {
          return false;
        }
      };
}
