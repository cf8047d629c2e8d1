package io.github.remnawaveshop.core.cache;

import java.util.Optional;

/**
 * A level-1 value with its own time to live (what remained in Redis when it came from there). The
 * {@code Optional} is made once here so that a level-1 hit of {@link CacheLayer#get} allocates
 * nothing.
 */
record L1Entry<V>(Optional<V> present, long ttlNanos) {
  L1Entry(V value, long ttlNanos) {
    this(Optional.of(value), ttlNanos);
  }

  V value() {
    return present.get();
  }
}
