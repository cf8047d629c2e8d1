package io.github.remnawaveshop.core.cache;

/** A level-1 value with its own time to live (what remained in Redis when it came from there). */
record L1Entry<V>(V value, long ttlNanos) {}
