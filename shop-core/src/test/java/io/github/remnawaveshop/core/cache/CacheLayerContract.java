package io.github.remnawaveshop.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every cache configuration must do; the process-only and the Redis-backed tests extend this.
 */
abstract class CacheLayerContract {
  private static final AtomicLong KEYS = new AtomicLong(1);

  record Plan(long id, String name, long priceMinor, List<String> countries) {}

  record Profile(long userId, String language) {}

  final TestClock clock = new TestClock();
  final CacheRegion<Long, Plan> plans = StandardRegion.PLANS.region(Long.class, Plan.class);
  final CacheRegion<Long, Profile> profiles =
      StandardRegion.USER_PROFILES.builder(Long.class, Profile.class).maximumSize(100).build();
  final List<CacheLayer> opened = new ArrayList<>();
  CacheLayer cache;
  long key;

  /** Adds the backend to the builder (nothing, or Redis and a prefix). */
  abstract CacheLayer.Builder backend(CacheLayer.Builder builder);

  CacheLayer open() {
    CacheLayer c =
        backend(CacheLayer.builder().region(plans).region(profiles).clock(clock)).build();
    opened.add(c);
    return c;
  }

  @BeforeEach
  void openCache() {
    cache = open();
    key = KEYS.incrementAndGet();
  }

  @AfterEach
  void closeCaches() {
    opened.forEach(CacheLayer::close);
  }

  Plan plan(long id) {
    return new Plan(id, "plan-" + id, 19_900, List.of("NL", "DE"));
  }

  @Test
  void putGetInvalidate() {
    assertThat(cache.get(plans, key)).isEmpty();
    cache.put(plans, key, plan(key));
    assertThat(cache.get(plans, key)).contains(plan(key));
    cache.invalidate(plans, key);
    assertThat(cache.get(plans, key)).isEmpty();
    CacheStats s = cache.stats(plans);
    assertThat(s.l1Hits()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(2);
  }

  @Test
  void getOrLoadLoadsOnceThenHits() {
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      assertThat(
              cache.getOrLoad(
                  plans,
                  key,
                  id -> {
                    calls.incrementAndGet();
                    return plan(id);
                  }))
          .isEqualTo(plan(key));
    }
    assertThat(calls).hasValue(1);
    CacheStats s = cache.stats(plans);
    assertThat(s.loads()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(1);
    assertThat(s.hits()).isEqualTo(4);
    assertThat(s.hitRate()).isEqualTo(0.8);
  }

  @Test
  void manyCallersOfOneKeyShareOneLoad() throws Exception {
    int threads = 12;
    AtomicInteger loads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Plan>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.getOrLoad(
                      plans,
                      key,
                      id -> {
                        loads.incrementAndGet();
                        // hold the load until every caller is waiting on it (each counted as a
                        // miss)
                        await()
                            .atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(1))
                            .until(() -> cache.stats(plans).misses() >= threads);
                        return plan(id);
                      });
                }));
      }
      start.countDown();
      for (Future<Plan> f : results) {
        assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(plan(key));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads).hasValue(1);
    assertThat(cache.stats(plans).loads()).isEqualTo(1);
  }

  /**
   * Runs a getOrLoad of {@code key} on another thread whose loader returns {@code value} once
   * released.
   */
  Future<Plan> loadHeldOpen(
      ExecutorService pool,
      CacheLayer on,
      long key,
      Plan value,
      CountDownLatch loading,
      CountDownLatch release) {
    return pool.submit(
        () ->
            on.getOrLoad(
                plans,
                key,
                id -> {
                  loading.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return value;
                }));
  }

  @Test
  void aCallerAfterAnInvalidateDoesNotJoinTheLoadThatStartedBeforeIt() throws Exception {
    Plan old = new Plan(key, "old", 1, List.of());
    Plan fresh = new Plan(key, "fresh", 2, List.of());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      Future<Plan> before = loadHeldOpen(pool, cache, key, old, loading, release);
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      cache.invalidate(plans, key); // the source changed while the first load was reading it
      Future<Plan> after = pool.submit(() -> cache.getOrLoad(plans, key, id -> fresh));
      assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(fresh); // not the older load's result
      release.countDown();
      assertThat(before.get(10, TimeUnit.SECONDS))
          .isEqualTo(old); // its own caller started before the write
      assertThat(cache.get(plans, key)).contains(fresh);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aCallerAfterAPutSeesThePutEvenWhileAnOlderLoadIsRunning() throws Exception {
    Plan old = new Plan(key, "old", 1, List.of());
    Plan written = new Plan(key, "written", 2, List.of());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      Future<Plan> before = loadHeldOpen(pool, cache, key, old, loading, release);
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      cache.put(plans, key, written);
      assertThat(cache.getOrLoad(plans, key, id -> old)).isEqualTo(written);
      release.countDown();
      assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(old);
      assertThat(cache.get(plans, key))
          .contains(written); // the older load did not overwrite the put
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingLoadReachesEveryWaiterAndCachesNothing() {
    IllegalStateException boom = new IllegalStateException("panel down");
    assertThatThrownBy(
            () ->
                cache.getOrLoad(
                    plans,
                    key,
                    id -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThatThrownBy(() -> cache.getOrLoad(plans, key, id -> null))
        .isInstanceOf(CacheLoadException.class)
        .hasMessageContaining("'plans'");
    assertThat(cache.getOrLoad(plans, key, this::plan)).isEqualTo(plan(key));
    assertThat(cache.stats(plans).loadFailures()).isEqualTo(2);
    assertThat(cache.stats(plans).loads()).isEqualTo(3);
  }

  @Test
  void entriesExpireAfterTheRegionTtl() {
    cache.put(plans, key, plan(key));
    clock.advance(Duration.ofSeconds(599));
    assertThat(cache.get(plans, key)).isPresent();
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.get(plans, key)).isEmpty();
  }

  @Test
  void invalidateAllEmptiesOneRegionOnly() {
    cache.put(plans, key, plan(key));
    cache.put(plans, key + 1_000_000, plan(key + 1_000_000));
    cache.put(profiles, key, new Profile(key, "ru"));
    cache.invalidateAll(plans);
    assertThat(cache.get(plans, key)).isEmpty();
    assertThat(cache.get(plans, key + 1_000_000)).isEmpty();
    assertThat(cache.get(profiles, key)).contains(new Profile(key, "ru"));
  }

  @Test
  void levelOneIsSizeBounded() {
    for (long i = 0; i < 1_000; i++) {
      cache.put(profiles, key * 10_000 + i, new Profile(i, "en"));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.stats(profiles).size() <= 100);
  }

  @Test
  void unknownRegionsAndBadSettingsAreRejectedByName() {
    CacheRegion<Long, Plan> stranger = CacheRegion.builder("other", Long.class, Plan.class).build();
    assertThatThrownBy(() -> cache.get(stranger, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'other'");
    CacheRegion<Long, Plan> lookalike = StandardRegion.PLANS.region(Long.class, Plan.class);
    assertThatThrownBy(() -> cache.get(lookalike, 1L))
        .hasMessageContaining("different CacheRegion instance");
    assertThatThrownBy(() -> CacheLayer.builder().build()).hasMessageContaining("region(");
    assertThatThrownBy(() -> CacheLayer.builder().region(plans).region(lookalike).build())
        .hasMessageStartingWith(
            "region name 'plans' was registered twice: first CacheRegion[plans");
    // the engine's catalog region and the standard plans region have distinct names: both fit in
    // one cache
    assertThat(
            CacheLayer.builder()
                .region(io.github.remnawaveshop.core.subscription.Catalog.REGION)
                .region(lookalike)
                .build())
        .isNotNull();
    assertThatThrownBy(
            () -> CacheLayer.builder().region(plans).redisTimeout(Duration.ofMillis(-1)).build())
        .hasMessage("redisTimeout must be positive; was PT-0.001S");
  }

  @Test
  void statsAreListedPerRegion() {
    cache.getOrLoad(profiles, key, id -> new Profile(id, "en"));
    List<CacheStats> all = cache.stats();
    assertThat(all).extracting(CacheStats::region).containsExactly("plans", "user-profiles");
    assertThat(all.get(1).loads()).isEqualTo(1);
    assertThat(cache.get(profiles, key)).map(Profile::language).isEqualTo(Optional.of("en"));
  }
}
