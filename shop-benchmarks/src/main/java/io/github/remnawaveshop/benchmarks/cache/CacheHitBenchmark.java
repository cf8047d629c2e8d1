package io.github.remnawaveshop.benchmarks.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.cache.CacheRegion;
import io.github.remnawaveshop.core.cache.StandardRegion;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A level-1 hit of {@link CacheLayer#get} side by side with a raw Caffeine {@code getIfPresent} on
 * a cache configured like our level 1 (same maximum size, the region's TTL). Both read the same
 * 1,024 present keys in the same order. Our path adds: the region lookup, the entry wrapper
 * (per-entry TTL, with a ready-made {@code Optional}) and the per-region hit counter (a {@code
 * LongAdder}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBenchmark {
  private static final int KEYS = 1024;

  private final CacheRegion<Long, String> profiles =
      StandardRegion.USER_PROFILES.region(Long.class, String.class);
  private CacheLayer layer;
  private Cache<Long, String> caffeine;
  private final Long[] keys = new Long[KEYS];

  /** Fills both caches with the same entries. */
  @Setup
  public void setUp() {
    layer = CacheLayer.builder().region(profiles).build();
    caffeine =
        Caffeine.newBuilder()
            .maximumSize(profiles.maximumSize())
            .expireAfterWrite(profiles.ttl())
            .build();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = 1_000_000L + i * 7919L;
      layer.put(profiles, keys[i], "profile-" + i);
      caffeine.put(keys[i], "profile-" + i);
    }
  }

  /** Which key a thread reads next. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int advance() {
      next = (next + 1) & (KEYS - 1);
      return next;
    }
  }

  private static final Function<Long, String> NEVER_CALLED =
      k -> {
        throw new IllegalStateException("all keys are present");
      };

  /** Ours: a level-1 hit of {@code get} (returns the entry's ready-made Optional). */
  @Benchmark
  public Optional<String> layerGetL1Hit(Cursor cursor) {
    return layer.get(profiles, keys[cursor.advance()]);
  }

  /** Ours: a level-1 hit of {@code getOrLoad}, the usual read path. */
  @Benchmark
  public String layerGetOrLoadL1Hit(Cursor cursor) {
    return layer.getOrLoad(profiles, keys[cursor.advance()], NEVER_CALLED);
  }

  /** The peer: raw Caffeine. */
  @Benchmark
  public String caffeineGetIfPresent(Cursor cursor) {
    return caffeine.getIfPresent(keys[cursor.advance()]);
  }
}
