package io.github.remnawaveshop.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example of docs/cache.md, compiled and run (keep the two in step). */
@ExtendWith(ShopServersExtension.class)
class CacheDocExampleTest {

  // --- docs/cache.md example begins
  record Plan(long id, String title, long priceMinor) {}

  record UserProfile(long telegramId, String language) {}

  interface PlanStore {
    Plan find(long id);
  }

  static final CacheRegion<Long, Plan> PLANS = StandardRegion.PLANS.region(Long.class, Plan.class);
  static final CacheRegion<Long, UserProfile> PROFILES =
      StandardRegion.USER_PROFILES
          .builder(Long.class, UserProfile.class)
          .ttl(Duration.ofMinutes(2)) // adjust a default
          .build();

  /** Once, at startup; share the cache and close it at shutdown. */
  static CacheLayer openCache(RedisClient redisClient, String keyPrefix) {
    return CacheLayer.builder()
        .region(PLANS)
        .region(PROFILES)
        .redis(redisClient) // omit for a process-local cache
        .keyPrefix(keyPrefix) // default "shop:cache"
        .build();
  }

  /** Anywhere. */
  static Plan showPlan(CacheLayer cache, PlanStore store) {
    Plan plan = cache.getOrLoad(PLANS, 7L, store::find); // one load per key, others wait
    cache.put(PROFILES, 42L, new UserProfile(42L, "ru"));
    Optional<UserProfile> profile = cache.get(PROFILES, 42L);
    cache.invalidate(PROFILES, 42L); // here and on every instance
    CacheStats stats = cache.stats(PLANS); // hits, misses, loads ...
    System.out.printf(
        "plans: %d loads, hit rate %.2f, profile %s%n",
        stats.loads(), stats.hitRate(), profile.map(UserProfile::language).orElse("-"));
    return plan;
  }

  // --- docs/cache.md example ends

  @Test
  void theDocumentedExampleRuns(RedisServer server, RedisKeyPrefix prefix) {
    RedisClient client = RedisClient.create(server.uri());
    try {
      try (CacheLayer cache = openCache(client, prefix.value() + "doc")) {
        Plan plan = showPlan(cache, id -> new Plan(id, "Month", 19_900));
        assertThat(plan).isEqualTo(new Plan(7, "Month", 19_900));
        assertThat(cache.stats(PLANS).loads()).isEqualTo(1);
      }
      assertThat(List.of(PLANS.ttl(), PROFILES.ttl()))
          .containsExactly(Duration.ofSeconds(600), Duration.ofMinutes(2));
    } finally {
      client.shutdown();
    }
  }
}
