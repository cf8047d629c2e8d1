package io.github.remnawaveshop.core.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A two-level cache over typed {@link CacheRegion}s: Caffeine in process (level 1, size-bounded,
 * the region's TTL) over an optional Redis (level 2, JSON values tagged with their type; never Java
 * serialization). Writes and invalidations on one instance remove the entry from every other
 * instance's level 1 through a Redis pub/sub channel.
 *
 * <p>When Redis is unavailable the cache keeps answering from level 1 and the loader, counts the
 * failures ({@link CacheStats#redisErrors()}), and goes back to Redis by itself; after a reconnect
 * it empties level 1, because invalidations sent meanwhile were missed. Connecting never blocks a
 * caller for longer than the Redis timeout.
 *
 * <p>Consistency: a caller that starts after {@code put} or {@code invalidate} returned never joins
 * a load that started before it; a load fills Redis with a compare-and-set against what it read
 * before calling the loader (invalidations leave a short tombstone), so it never overwrites a newer
 * write.
 *
 * <p>Thread-safe; build one per application and share it. {@link #close()} closes the cache's own
 * Redis connections (never the {@code RedisClient}).
 *
 * <pre>{@code
 * CacheRegion<Long, Plan> plans = StandardRegion.PLANS.region(Long.class, Plan.class);
 * CacheLayer cache = CacheLayer.builder().region(plans).redis(redisClient).build();
 * Plan plan = cache.getOrLoad(plans, 7L, id -> store.findPlan(id));
 * }</pre>
 */
public interface CacheLayer extends AutoCloseable {

  /** A builder; at least one region must be added. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * The cached value, from level 1 or else Redis; empty when neither has it.
   *
   * @throws IllegalArgumentException if the region was not registered with this cache
   */
  <K, V> Optional<V> get(CacheRegion<K, V> region, K key);

  /**
   * The cached value, or else the loader's, which is then cached. While one caller of this instance
   * loads a key, other callers for the same key wait for that result instead of loading again
   * (single flight). A loader's unchecked exception reaches every waiting caller and nothing is
   * cached.
   *
   * @param loader computes the value; must not return null
   * @throws CacheLoadException if the loader returns null
   */
  <K, V> V getOrLoad(CacheRegion<K, V> region, K key, Function<? super K, ? extends V> loader);

  /**
   * Caches a value in both levels and removes older copies from the other instances' level 1.
   *
   * @throws CacheCodecException if Redis is configured and the value cannot be written as JSON
   */
  <K, V> void put(CacheRegion<K, V> region, K key, V value);

  /** Removes one entry from both levels, here and (through pub/sub) in the other instances. */
  <K, V> void invalidate(CacheRegion<K, V> region, K key);

  /**
   * Removes every entry of a region from both levels, here and in the other instances. On Redis
   * this scans the region's keys ({@code SCAN MATCH}); meant for rare administrative use.
   */
  void invalidateAll(CacheRegion<?, ?> region);

  /** The region's counters. */
  CacheStats stats(CacheRegion<?, ?> region);

  /** The counters of every region, in registration order. */
  List<CacheStats> stats();

  /** Closes the cache's own Redis connections; the {@code RedisClient} stays open. Idempotent. */
  @Override
  void close();

  /** Configures a {@link CacheLayer}. Not thread-safe; {@link #build()} validates the settings. */
  final class Builder {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.\\-:]{1,64}");

    final List<CacheRegion<?, ?>> regions = new ArrayList<>();
    @Nullable RedisClient redis;
    String keyPrefix = "shop:cache";
    @Nullable ObjectMapper objectMapper;
    Duration redisTimeout = Duration.ofMillis(250);
    @Nullable Clock clock;
    @Nullable String instanceId;

    Builder() {}

    /** Registers a region; names must be unique. */
    public Builder region(CacheRegion<?, ?> region) {
      regions.add(Objects.requireNonNull(region, "region"));
      return this;
    }

    /** Registers several regions. */
    public Builder regions(Collection<? extends CacheRegion<?, ?>> regions) {
      regions.forEach(this::region);
      return this;
    }

    /**
     * Adds Redis as level 2 and for cross-instance invalidation; the cache opens (and closes) two
     * connections of its own on this client. Without it the cache is process-local.
     */
    public Builder redis(RedisClient client) {
      this.redis = Objects.requireNonNull(client, "redis");
      return this;
    }

    /**
     * The first part of Redis keys and of the invalidation channel (default {@code shop:cache}):
     * 1-64 characters of A-Z a-z 0-9 _ . - : . Instances that share entries must use the same
     * prefix.
     */
    public Builder keyPrefix(String prefix) {
      this.keyPrefix = Objects.requireNonNull(prefix, "keyPrefix");
      return this;
    }

    /** The Jackson mapper for values in Redis (default: a plain mapper with java.time support). */
    public Builder objectMapper(ObjectMapper mapper) {
      this.objectMapper = Objects.requireNonNull(mapper, "objectMapper");
      return this;
    }

    /**
     * How long a Redis call may take before it counts as failed and is skipped (default 250 ms).
     */
    public Builder redisTimeout(Duration timeout) {
      this.redisTimeout = Objects.requireNonNull(timeout, "redisTimeout");
      return this;
    }

    /** The time source for expiry (default the system clock and {@code System.nanoTime()}). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** This instance's id in invalidation messages (default a random UUID). */
    public Builder instanceId(String id) {
      this.instanceId = Objects.requireNonNull(id, "instanceId");
      return this;
    }

    /**
     * Validates the settings and builds the cache. An unreachable Redis does not fail the build:
     * the cache starts process-local and connects when Redis answers.
     *
     * @throws IllegalArgumentException naming the bad setting and value
     */
    public CacheLayer build() {
      if (regions.isEmpty()) {
        throw new IllegalArgumentException(
            "no region was registered: call region(...) at least once");
      }
      List<String> names = new ArrayList<>();
      for (CacheRegion<?, ?> r : regions) {
        int first = names.indexOf(r.name());
        if (first >= 0) {
          throw new IllegalArgumentException(
              "region name '"
                  + r.name()
                  + "' was registered twice: first "
                  + regions.get(first)
                  + ", then "
                  + r
                  + " (each region needs its own name)");
        }
        names.add(r.name());
      }
      if (!PREFIX.matcher(keyPrefix).matches()) {
        throw new IllegalArgumentException(
            "keyPrefix must be 1-64 characters of A-Z a-z 0-9 _ . - :; was '" + keyPrefix + "'");
      }
      if (redisTimeout.isZero() || redisTimeout.isNegative()) {
        throw new IllegalArgumentException("redisTimeout must be positive; was " + redisTimeout);
      }
      if (instanceId != null && (instanceId.isEmpty() || instanceId.contains("\n"))) {
        throw new IllegalArgumentException(
            "instanceId must be non-empty without line breaks; was '" + instanceId + "'");
      }
      return new TwoLevelCache(
          this, instanceId != null ? instanceId : UUID.randomUUID().toString());
    }
  }
}
