package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.ops.HealthCheck;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.subscription.Catalog;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import java.util.Set;

/**
 * The rate limiter, FSM storage and cache: on the Redis of {@code REDIS_URL} (shared by every
 * instance of the bot), or in memory when it is not set. Built once; closed through {@link
 * Resources}.
 *
 * @param limiter the users' rate limit (the seed's 20 requests / 60 s, 5 minute ban, admins exempt)
 * @param fsm conversation states
 * @param cache the catalog cache
 * @param redis the Redis client, when configured
 * @param redisHealth the Redis health check, when configured
 */
record Primitives(
    RateLimiter limiter,
    FsmStorage fsm,
    CacheLayer cache,
    Optional<RedisClient> redis,
    Optional<HealthCheck> redisHealth) {

  static Primitives open(
      ShopConfig config, Set<Long> admins, Resources resources, StartupReport report) {
    RateLimiter.Builder limiter = RateLimiter.builder().exemptIds(admins);
    FsmStorage.Builder fsm = FsmStorage.builder();
    CacheLayer.Builder cache = CacheLayer.builder().region(Catalog.REGION);
    Optional<RedisClient> client = Optional.empty();
    Optional<HealthCheck> health = Optional.empty();
    if (config.redisUrl().isPresent()) {
      RedisClient redis =
          resources.add("redis client", RedisClient.create(config.redisUrl().get()));
      StatefulRedisConnection<String, String> probe =
          resources.add("redis health connection", redis.connect());
      limiter.redis(redis);
      fsm.redis(redis);
      cache.redis(redis);
      client = Optional.of(redis);
      health = Optional.of(HealthCheck.redis(probe));
      report.real(
          "redis",
          "rate limiter, FSM storage and cache on " + redactedRedis(config.redisUrl().get()));
    } else {
      report.embedded(
          "redis",
          "no REDIS_URL: rate limiter, FSM storage and cache in memory (one instance only)");
    }
    return new Primitives(
        resources.add("rate limiter", limiter.build()),
        resources.add("fsm storage", fsm.build()),
        resources.add("cache", cache.build()),
        client,
        health);
  }

  private static String redactedRedis(String url) {
    int at = url.lastIndexOf('@');
    int scheme = url.indexOf("://");
    return at < 0 ? url : url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
  }
}
