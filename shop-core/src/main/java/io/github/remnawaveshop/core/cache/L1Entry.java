package io.github.remnawaveshop.core.cache;

import java.util.Optional;

/**
 * A level-1 value. The {@code Optional} is made once here so that a level-1 hit of {@link
 * CacheLayer#get} allocates nothing. Level 1 expires entries after the region's TTL; an entry that
 * came from Redis with less of its lifetime left also carries that deadline (ticker nanos), checked
 * on read, so nothing outlives its TTL counted from the load. {@code deadlineNanos == 0} means no
 * earlier deadline, which keeps the hit path of local entries free of clock reads.
 */
record L1Entry<V>(Optional<V> present, long deadlineNanos) {
  static <V> L1Entry<V> of(V value) {
    return new L1Entry<>(Optional.of(value), 0);
  }

  V value() {
    return present.get();
  }
}
