package io.github.remnawaveshop.benchmarks.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.remnawaveshop.core.ratelimit.Decision;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Our in-memory limiter against Bucket4j local buckets on the same keys and the same limit (20 per
 * minute of {@link FastTime}, no ban), each keyed through a Caffeine cache of the same size and
 * expiry, so the comparison is of the per-key decision plus the key lookup both need. Bucket4j
 * answers with {@code tryConsumeAndReturnRemaining}, the call that carries the same information as
 * our {@link Decision} (allowed, remaining, wait time).
 *
 * <p>Three contestants in one run: {@code ours_*} is our default algorithm, the exact sliding log;
 * {@code oursGcra_*} is our {@link RateLimiter.Algorithm#GCRA} (one {@code long} per key, one
 * compare-and-set per decision, the same family as Bucket4j's token bucket); {@code bucket4j_*} is
 * the peer. Both of ours are built with the same settings and keyed the same way.
 *
 * <p>At about one decision per microsecond, {@code keys=1024} puts each key at roughly three times
 * its limit (a mix of allowed and refused), {@code keys=4096} below it (mostly allowed). More keys
 * would let idle keys expire between visits (the window is 60 real milliseconds of {@link
 * FastTime}), which would measure cache churn instead of the limiter.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class InMemoryLimiterBenchmark {
  private static final int LIMIT = 20;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  @Param({"1024", "4096"})
  int keys;

  String[] keyNames;
  RateLimiter ours;
  RateLimiter oursGcra;
  Cache<String, Bucket> buckets;
  Function<String, Bucket> newBucket;

  @Setup(Level.Trial)
  public void setUp() {
    keyNames = new String[keys];
    for (int i = 0; i < keys; i++) {
      keyNames[i] = Long.toString(100_000_000L + i * 7919L);
    }
    ours =
        RateLimiter.builder()
            .limit(LIMIT, WINDOW)
            .banFor(Duration.ZERO)
            .clock(FastTime.CLOCK)
            .build();
    oursGcra =
        RateLimiter.builder()
            .algorithm(RateLimiter.Algorithm.GCRA)
            .limit(LIMIT, WINDOW)
            .banFor(Duration.ZERO)
            .clock(FastTime.CLOCK)
            .build();
    buckets =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(WINDOW)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(FastTime.millis()))
            .build();
    newBucket =
        key ->
            Bucket.builder()
                .addLimit(limit -> limit.capacity(LIMIT).refillGreedy(LIMIT, WINDOW))
                .withCustomTimePrecision(FastTime.TIME_METER)
                .build();
  }

  /** Each thread walks the keys from its own starting point. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = (int) (Thread.currentThread().getId() * 7_777);

    String key(String[] keys) {
      int i = next++ & (keys.length - 1);
      return keys[i];
    }
  }

  @Benchmark
  @Threads(1)
  public Decision ours_1thread(Cursor cursor) {
    return ours.tryAcquire(cursor.key(keyNames));
  }

  @Benchmark
  @Threads(1)
  public Decision oursGcra_1thread(Cursor cursor) {
    return oursGcra.tryAcquire(cursor.key(keyNames));
  }

  @Benchmark
  @Threads(1)
  public ConsumptionProbe bucket4j_1thread(Cursor cursor) {
    return buckets.get(cursor.key(keyNames), newBucket).tryConsumeAndReturnRemaining(1);
  }

  @Benchmark
  @Threads(2)
  public Decision ours_2threads(Cursor cursor) {
    return ours.tryAcquire(cursor.key(keyNames));
  }

  @Benchmark
  @Threads(2)
  public Decision oursGcra_2threads(Cursor cursor) {
    return oursGcra.tryAcquire(cursor.key(keyNames));
  }

  @Benchmark
  @Threads(2)
  public ConsumptionProbe bucket4j_2threads(Cursor cursor) {
    return buckets.get(cursor.key(keyNames), newBucket).tryConsumeAndReturnRemaining(1);
  }
}
