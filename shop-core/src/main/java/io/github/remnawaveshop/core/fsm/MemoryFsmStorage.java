package io.github.remnawaveshop.core.fsm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * In-process storage: two Caffeine maps (states, encoded data) whose entries expire after their TTL
 * by the configured clock. Data merges run inside {@code compute}, so they are atomic.
 */
final class MemoryFsmStorage extends AbstractFsmStorage {
  private final Cache<StorageKey, String> states;
  private final Cache<StorageKey, Map<String, String>> data;

  MemoryFsmStorage(FsmConfig config) {
    super(config);
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(config.clock.millis());
    this.states = newMap(config.stateTtl, ticker, 0);
    this.data = newMap(config.dataTtl, ticker, 0);
  }

  /**
   * The outage fallback of a Redis storage: TTLs at most {@code fallbackTtl}, at most so many
   * entries.
   */
  static MemoryFsmStorage fallbackOf(FsmConfig config) {
    return new MemoryFsmStorage(config, config.fallbackTtl, config.fallbackMaximumSize);
  }

  private MemoryFsmStorage(FsmConfig config, Duration bound, long maximumSize) {
    super(config);
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(config.clock.millis());
    this.states = newMap(Optional.of(shorter(config.stateTtl, bound)), ticker, maximumSize);
    this.data = newMap(Optional.of(shorter(config.dataTtl, bound)), ticker, maximumSize);
  }

  private static Duration shorter(Optional<Duration> ttl, Duration bound) {
    return ttl.filter(t -> t.compareTo(bound) < 0).orElse(bound);
  }

  private static <V> Cache<StorageKey, V> newMap(
      Optional<Duration> ttl, Ticker ticker, long maximumSize) {
    Caffeine<Object, Object> b = Caffeine.newBuilder().ticker(ticker);
    ttl.ifPresent(b::expireAfterWrite);
    if (maximumSize > 0) {
      b.maximumSize(maximumSize)
          .executor(Runnable::run); // evict on the writer's thread: the bound holds at once
    }
    return b.build();
  }

  @Override
  public FsmSnapshot read(StorageKey key) {
    StorageKey k = normalize(key);
    return new FsmSnapshot(Optional.ofNullable(states.getIfPresent(k)), decoded(k));
  }

  @Override
  public Optional<String> getState(StorageKey key) {
    return Optional.ofNullable(states.getIfPresent(normalize(key)));
  }

  @Override
  public void setState(StorageKey key, String state) {
    states.put(normalize(key), checkState(state));
  }

  @Override
  public void clearState(StorageKey key) {
    states.invalidate(normalize(key));
  }

  @Override
  public Map<String, Object> getData(StorageKey key) {
    return decoded(normalize(key));
  }

  private Map<String, Object> decoded(StorageKey k) {
    Map<String, String> stored = data.getIfPresent(k);
    return stored == null ? Map.of() : codec.decode(stored);
  }

  @Override
  public void setData(StorageKey key, Map<String, ?> values) {
    StorageKey k = normalize(key);
    Map<String, String> encoded = codec.encode(values);
    encoded.values().removeIf(FieldCodec.REMOVE::equals);
    if (encoded.isEmpty()) {
      data.invalidate(k);
    } else {
      data.put(k, Collections.unmodifiableMap(encoded));
    }
  }

  @Override
  public Map<String, Object> updateData(StorageKey key, Map<String, ?> patch) {
    StorageKey k = normalize(key);
    Map<String, String> encoded = codec.encode(patch);
    Map<String, String> merged =
        data.asMap()
            .compute(
                k,
                (kk, old) -> {
                  Map<String, String> next =
                      old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
                  encoded.forEach(
                      (field, json) -> {
                        if (FieldCodec.REMOVE.equals(json)) {
                          next.remove(field);
                        } else {
                          next.put(field, json);
                        }
                      });
                  return next.isEmpty() ? null : Collections.unmodifiableMap(next);
                });
    return merged == null ? Map.of() : codec.decode(merged);
  }

  @Override
  public void clear(StorageKey key) {
    StorageKey k = normalize(key);
    states.invalidate(k);
    data.invalidate(k);
  }

  /** How many conversations hold a state or data (an estimate). */
  long size() {
    return Math.max(states.estimatedSize(), data.estimatedSize());
  }

  @Override
  public FsmStats stats() {
    return new FsmStats(0, 0);
  }

  @Override
  public void close() {
    // nothing held outside the heap
  }
}
