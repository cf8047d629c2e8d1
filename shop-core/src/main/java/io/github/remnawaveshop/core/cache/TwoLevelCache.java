package io.github.remnawaveshop.core.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.remnawaveshop.core.internal.RedisConnector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link CacheLayer}: Caffeine per region, optional {@link CacheRedis} beneath. */
final class TwoLevelCache implements CacheLayer, CacheRedis.Listener {
  private static final Logger log = LoggerFactory.getLogger(TwoLevelCache.class);

  /**
   * Few regions (the usual case): the hit path finds a region's state by comparing references along
   * this array, cheaper than hashing its name into {@link #regions} and comparing again. Empty when
   * there are more than {@link #SCANNED_REGIONS}; then the map is used.
   */
  private static final int SCANNED_REGIONS = 8;

  private final Map<String, RegionState<?, ?>> regions;
  private final RegionState<?, ?>[] scanned;
  private final List<RegionState<?, ?>> ordered;
  private final Clock clock;
  private final Ticker ticker;
  private final ValueCodec codec;
  private final @Nullable CacheRedis redis;

  TwoLevelCache(CacheLayer.Builder b, String instanceId) {
    Clock configured = b.clock;
    this.clock = configured != null ? configured : Clock.systemUTC();
    Ticker ticker =
        configured == null
            ? Ticker.systemTicker()
            : () -> TimeUnit.MILLISECONDS.toNanos(configured.millis());
    this.ticker = ticker;
    Map<String, RegionState<?, ?>> byName = new HashMap<>();
    List<RegionState<?, ?>> list = new ArrayList<>();
    for (CacheRegion<?, ?> region : b.regions) {
      RegionState<?, ?> state = new RegionState<>(region, ticker, b.keyPrefix);
      byName.put(region.name(), state);
      list.add(state);
    }
    this.regions = byName;
    this.ordered = Collections.unmodifiableList(list);
    this.scanned =
        list.size() <= SCANNED_REGIONS
            ? list.toArray(new RegionState<?, ?>[0])
            : new RegionState<?, ?>[0];
    ObjectMapper mapper =
        b.objectMapper != null
            ? b.objectMapper
            : new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.codec = new ValueCodec(mapper);
    if (b.redis != null) {
      this.redis = new CacheRedis(b.redis, b.keyPrefix, instanceId, b.redisTimeout, clock, this);
      redis.tryConnect();
    } else {
      this.redis = null;
    }
  }

  @SuppressWarnings("unchecked")
  private <K, V> RegionState<K, V> state(CacheRegion<K, V> region) {
    for (RegionState<?, ?> s : scanned) {
      if (s.region == region) {
        return (RegionState<K, V>) s;
      }
    }
    return lookUp(region);
  }

  /** {@link #state} by name: for many regions, and to say what is wrong with an unknown one. */
  @SuppressWarnings("unchecked")
  private <K, V> RegionState<K, V> lookUp(CacheRegion<K, V> region) {
    RegionState<?, ?> s = regions.get(region.name());
    if (s == null || s.region != region) {
      throw new IllegalArgumentException(
          s == null
              ? "region '"
                  + region.name()
                  + "' ("
                  + region
                  + ") is not registered with this cache; registered: "
                  + regions.keySet()
                  + " (register the same constant you read with, e.g. CacheLayer.builder().region(Catalog.REGION)"
                  + " for SubscriptionEngine.Builder.cache)"
              : "region '"
                  + region.name()
                  + "' is read as "
                  + region
                  + " but was registered as a different"
                  + " CacheRegion instance, "
                  + s.region
                  + " (register the constant you read with)");
    }
    return (RegionState<K, V>) s;
  }

  @Override
  public <K, V> Optional<V> get(CacheRegion<K, V> region, K key) {
    RegionState<K, V> r = state(region);
    L1Entry<V> hit = r.l1.getIfPresent(Objects.requireNonNull(key, "key"));
    if (hit != null && live(hit)) {
      r.l1Hits.increment();
      return hit.present();
    }
    return getMissed(r, key);
  }

  /** {@link #get} past level 1, apart so that the hit path stays small enough to inline whole. */
  private <K, V> Optional<V> getMissed(RegionState<K, V> r, K key) {
    Optional<V> fromRedis = readL2(r, key, r.generation.get());
    if (fromRedis.isEmpty()) {
      r.misses.increment();
    }
    return fromRedis;
  }

  @Override
  public <K, V> V getOrLoad(
      CacheRegion<K, V> region, K key, Function<? super K, ? extends V> loader) {
    RegionState<K, V> r = state(region);
    Objects.requireNonNull(loader, "loader");
    L1Entry<V> hit = r.l1.getIfPresent(Objects.requireNonNull(key, "key"));
    if (hit != null && live(hit)) {
      r.l1Hits.increment();
      return hit.value();
    }
    return loadMissed(r, key, loader);
  }

  /** {@link #getOrLoad} past level 1: single flight, then {@link #loadOnce}. */
  private <K, V> V loadMissed(RegionState<K, V> r, K key, Function<? super K, ? extends V> loader) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = r.inFlight.putIfAbsent(key, mine);
    if (running != null) {
      r.misses.increment();
      return join(running);
    }
    try {
      V value = loadOnce(r, key, loader);
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      r.inFlight.remove(key, mine);
    }
  }

  private <K, V> V loadOnce(RegionState<K, V> r, K key, Function<? super K, ? extends V> loader) {
    long generation = r.generation.get();
    L1Entry<V> hit = r.l1.getIfPresent(key); // a load that finished just before we registered ours
    if (hit != null && live(hit)) {
      r.l1Hits.increment();
      return hit.value();
    }
    long seenAt = clock.millis();
    CacheRedis.Seen seen = null;
    if (redis != null) {
      try {
        seen = redis.observe(r.redisKey(key), r.markerKey);
      } catch (RedisConnector.Unavailable e) {
        redisFailed(r, "get", e);
      }
      if (seen != null) {
        Optional<V> fromRedis = fromL2(r, key, seen.entry(), generation);
        if (fromRedis.isPresent()) {
          return fromRedis.get();
        }
      }
    }
    r.misses.increment();
    r.loads.increment();
    V value;
    try {
      value = loader.apply(key);
    } catch (RuntimeException | Error e) {
      r.loadFailures.increment();
      throw e;
    }
    if (value == null) {
      r.loadFailures.increment();
      throw new CacheLoadException(
          "the loader of region '" + r.region.name() + "' returned null for key " + key, null);
    }
    if (r.generation.get() != generation) {
      return value; // written or invalidated during the load: the value may be stale, keep it out
    }
    if (redis != null
        && seen != null
        && clock.millis() - seenAt < r.fillWindowMillis) { // seen implies redis
      String json = codec.encode(r, value, clock.millis() + r.ttlMillis);
      try {
        if (!redis.fill(r.redisKey(key), r.markerKey, seen, json, r.ttlMillis)) {
          log.debug(
              "cache: a load of region '{}' lost to a newer write in Redis; not cached",
              r.region.name());
          return value;
        }
      } catch (RedisConnector.Unavailable e) {
        redisFailed(r, "fill", e);
      }
    }
    putIfCurrent(r, key, L1Entry.of(value), generation);
    return value;
  }

  private <K, V> Optional<V> readL2(RegionState<K, V> r, K key, long generation) {
    if (redis == null) {
      return Optional.empty();
    }
    Optional<String> json;
    try {
      json = redis.get(r.redisKey(key));
    } catch (RedisConnector.Unavailable e) {
      redisFailed(r, "get", e);
      return Optional.empty();
    }
    return json.isEmpty() ? Optional.empty() : fromL2(r, key, json.get(), generation);
  }

  /**
   * A raw Redis entry as a value (entering level 1), or empty for none, a tombstone or a foreign
   * one.
   */
  private <K, V> Optional<V> fromL2(RegionState<K, V> r, K key, String json, long generation) {
    if (json.isEmpty() || json.charAt(0) == '~') {
      return Optional.empty();
    }
    Optional<ValueCodec.Decoded<V>> decoded = codec.decode(r, json);
    if (decoded.isEmpty()) {
      log.debug(
          "cache: ignoring a Redis value of region '{}' that is not a {}",
          r.region.name(),
          r.typeTag);
      return Optional.empty();
    }
    long remainingMillis = decoded.get().expiresAtMillis() - clock.millis();
    if (remainingMillis <= 0) {
      return Optional.empty();
    }
    V value = decoded.get().value();
    putIfCurrent(
        r,
        key,
        remainingMillis >= r.ttlMillis
            ? L1Entry.of(value)
            : new L1Entry<>(
                Optional.of(value),
                (ticker.read() + TimeUnit.MILLISECONDS.toNanos(remainingMillis)) | 1),
        generation);
    r.l2Hits.increment();
    return Optional.of(value);
  }

  /**
   * Puts a read or loaded entry into level 1 unless the region was written or invalidated since the
   * read began. Checked again after the put: a write that bumps the generation between the first
   * check and the put then finds the entry, or this removes it.
   */
  private static <K, V> void putIfCurrent(
      RegionState<K, V> r, K key, L1Entry<V> entry, long generation) {
    if (r.generation.get() != generation) {
      return;
    }
    r.l1.put(key, entry);
    if (r.generation.get() != generation) {
      r.l1.asMap().remove(key, entry);
    }
  }

  /** False for an entry from Redis whose own deadline passed before the region TTL did. */
  private boolean live(L1Entry<?> entry) {
    long deadline = entry.deadlineNanos();
    return deadline == 0 || ticker.read() - deadline < 0;
  }

  private static <V> V join(CompletableFuture<V> running) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheLoadException("interrupted while waiting for another caller's load", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new CacheLoadException("another caller's load failed", cause);
    } catch (CompletionException e) {
      throw new CacheLoadException("another caller's load failed", e.getCause());
    }
  }

  @Override
  public <K, V> void put(CacheRegion<K, V> region, K key, V value) {
    RegionState<K, V> r = state(region);
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    String json = redis == null ? null : codec.encode(r, value, clock.millis() + r.ttlMillis);
    r.generation.incrementAndGet();
    r.inFlight.remove(key); // a caller after this write must not join a load that started before it
    r.l1.put(key, L1Entry.of(value));
    if (redis != null && json != null) { // json is encoded exactly when there is a redis
      try {
        redis.set(r.redisKey(key), json, r.ttlMillis, r.region.name(), r.region.writeKey(key));
      } catch (RedisConnector.Unavailable e) {
        redisFailed(r, "put", e);
      }
    }
  }

  @Override
  public <K, V> void invalidate(CacheRegion<K, V> region, K key) {
    RegionState<K, V> r = state(region);
    Objects.requireNonNull(key, "key");
    r.generation.incrementAndGet();
    r.inFlight.remove(
        key); // a caller after this must load again, not join a load that started before it
    r.l1.invalidate(key);
    if (redis != null) {
      try {
        redis.delete(
            r.redisKey(key),
            tombstone(),
            r.tombstoneTtlMillis,
            r.region.name(),
            r.region.writeKey(key));
      } catch (RedisConnector.Unavailable e) {
        redisFailed(r, "invalidate", e);
      }
    }
  }

  @Override
  public void invalidateAll(CacheRegion<?, ?> region) {
    RegionState<?, ?> r = state(region);
    r.generation.incrementAndGet();
    r.inFlight.clear();
    r.l1.invalidateAll();
    if (redis != null) {
      try {
        redis.deleteRegion(
            r.redisKeyPrefix, r.markerKey, tombstone(), r.tombstoneTtlMillis, r.region.name());
      } catch (RedisConnector.Unavailable e) {
        redisFailed(r, "invalidateAll", e);
      }
    }
  }

  /**
   * A tombstone or clear marker: unique, and never JSON ({@code ~} first), so it reads as a miss.
   */
  private static String tombstone() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "~" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
  }

  private void redisFailed(RegionState<?, ?> r, String operation, RedisConnector.Unavailable e) {
    r.redisErrors.increment();
    if (redis != null) { // only Redis calls fail this way
      redis.failed(operation + " in region '" + r.region.name() + "'", e);
    }
  }

  @Override
  public CacheStats stats(CacheRegion<?, ?> region) {
    return state(region).stats();
  }

  @Override
  public List<CacheStats> stats() {
    List<CacheStats> out = new ArrayList<>(ordered.size());
    ordered.forEach(r -> out.add(r.stats()));
    return Collections.unmodifiableList(out);
  }

  @Override
  public void invalidated(String region, Optional<String> key) {
    RegionState<?, ?> r = regions.get(region);
    if (r != null) {
      dropLocal(r, key);
    }
  }

  private static <K, V> void dropLocal(RegionState<K, V> r, Optional<String> key) {
    r.generation.incrementAndGet();
    if (key.isEmpty()) {
      r.inFlight.clear();
      r.l1.invalidateAll();
      return;
    }
    K k;
    try {
      k = r.region.readKey(key.get());
    } catch (RuntimeException e) {
      log.warn(
          "cache: cannot read key '{}' of region '{}' from an invalidation; dropping the whole region",
          key.get(),
          r.region.name());
      r.inFlight.clear();
      r.l1.invalidateAll();
      return;
    }
    r.inFlight.remove(k);
    r.l1.invalidate(k);
  }

  @Override
  public void resubscribed() {
    log.info(
        "cache: invalidation channel resubscribed after a gap; emptying the process level of {} regions",
        ordered.size());
    for (RegionState<?, ?> r : ordered) {
      r.generation.incrementAndGet();
      r.inFlight.clear();
      r.l1.invalidateAll();
    }
  }

  /** For tests: whether level 1 holds the key now. */
  <K, V> boolean inLevelOne(CacheRegion<K, V> region, K key) {
    return state(region).l1.getIfPresent(key) != null;
  }

  /** For tests: whether both Redis connections are open now. */
  boolean redisConnected() {
    return redis != null && redis.connected();
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
