package io.github.remnawaveshop.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Everything a cache holds for one region: level 1, loads in flight, counters. */
final class RegionState<K, V> {
  static final long MAX_FILL_WINDOW_MILLIS = 30_000;

  final CacheRegion<K, V> region;
  final Cache<K, L1Entry<V>> l1;
  final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  /**
   * Bumped by every write and invalidation, so a load that started earlier does not cache a stale
   * value.
   */
  final AtomicLong generation = new AtomicLong();

  final long ttlMillis;

  /**
   * How long after its Redis read a load may still fill Redis: half the TTL, at most 30 s.
   * Tombstones and clear markers live twice as long, so one written after the read is still there
   * when the fill checks (and an entry {@code put} after the read has not expired yet).
   */
  final long fillWindowMillis;

  final long tombstoneTtlMillis;
  final String redisKeyPrefix;

  /**
   * {@code <prefix>:~cleared:<region>}: replaced by every invalidateAll; outside the region's SCAN
   * pattern.
   */
  final String markerKey;

  final String typeTag;
  final LongAdder l1Hits = new LongAdder();
  final LongAdder l2Hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder redisErrors = new LongAdder();

  RegionState(CacheRegion<K, V> region, Ticker ticker, String keyPrefix) {
    this.region = region;
    this.ttlMillis = region.ttl().toMillis();
    this.fillWindowMillis = Math.min(ttlMillis / 2, MAX_FILL_WINDOW_MILLIS);
    this.tombstoneTtlMillis = Math.max(1, 2 * fillWindowMillis);
    this.redisKeyPrefix = keyPrefix + ":" + region.name() + ":";
    this.markerKey = keyPrefix + ":~cleared:" + region.name();
    this.typeTag = region.valueType().toCanonical();
    this.l1 =
        Caffeine.newBuilder()
            .maximumSize(region.maximumSize())
            .ticker(ticker)
            .expireAfterWrite(region.ttl())
            .build();
  }

  String redisKey(K key) {
    return redisKeyPrefix + region.writeKey(key);
  }

  CacheStats stats() {
    return new CacheStats(
        region.name(),
        l1Hits.sum(),
        l2Hits.sum(),
        misses.sum(),
        loads.sum(),
        loadFailures.sum(),
        redisErrors.sum(),
        l1.estimatedSize());
  }
}
