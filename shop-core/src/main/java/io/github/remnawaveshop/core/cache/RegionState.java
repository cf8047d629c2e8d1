package io.github.remnawaveshop.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Everything a cache holds for one region: level 1, loads in flight, counters. */
final class RegionState<K, V> {
  final CacheRegion<K, V> region;
  final Cache<K, L1Entry<V>> l1;
  final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
  /** Bumped by every write and invalidation, so a load that started earlier does not cache a stale value. */
  final AtomicLong generation = new AtomicLong();
  final long ttlNanos;
  final long ttlMillis;
  final String redisKeyPrefix;
  final String typeTag;
  final LongAdder l1Hits = new LongAdder();
  final LongAdder l2Hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder redisErrors = new LongAdder();

  RegionState(CacheRegion<K, V> region, Ticker ticker, String keyPrefix) {
    this.region = region;
    this.ttlNanos = region.ttl().toNanos();
    this.ttlMillis = region.ttl().toMillis();
    this.redisKeyPrefix = keyPrefix + ":" + region.name() + ":";
    this.typeTag = region.valueType().toCanonical();
    this.l1 = Caffeine.newBuilder()
        .maximumSize(region.maximumSize())
        .ticker(ticker)
        .expireAfter(new Expiry<K, L1Entry<V>>() {
          @Override
          public long expireAfterCreate(K key, L1Entry<V> entry, long currentTime) {
            return entry.ttlNanos();
          }

          @Override
          public long expireAfterUpdate(K key, L1Entry<V> entry, long currentTime, long currentDuration) {
            return entry.ttlNanos();
          }

          @Override
          public long expireAfterRead(K key, L1Entry<V> entry, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  String redisKey(K key) {
    return redisKeyPrefix + region.writeKey(key);
  }

  CacheStats stats() {
    return new CacheStats(region.name(), l1Hits.sum(), l2Hits.sum(), misses.sum(), loads.sum(),
        loadFailures.sum(), redisErrors.sum(), l1.estimatedSize());
  }
}
