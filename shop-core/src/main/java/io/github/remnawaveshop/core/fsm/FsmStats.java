package io.github.remnawaveshop.core.fsm;

/**
 * Counters of a storage since it was built, for metrics and alerts.
 *
 * @param redisFailures operations that found Redis unreachable (always 0 in memory)
 * @param fallbackOperations operations served by the in-memory fallback instead of Redis because of
 *     {@link RedisOutagePolicy#FALLBACK_TO_MEMORY}; anything above 0 means state was not shared
 *     between instances for a while
 */
public record FsmStats(long redisFailures, long fallbackOperations) {}
