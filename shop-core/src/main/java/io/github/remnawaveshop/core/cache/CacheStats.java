package io.github.remnawaveshop.core.cache;

/**
 * Counters of one region since the cache was built; cheap to read, for metrics.
 *
 * @param region the region name
 * @param l1Hits reads answered by the process level
 * @param l2Hits reads answered by Redis
 * @param misses reads that found nothing in either level (callers waiting on another caller's load
 *     count here)
 * @param loads loader calls
 * @param loadFailures loader calls that threw or returned null
 * @param redisErrors Redis calls skipped or failed because Redis was unavailable or slow
 * @param size entries in the process level now (approximate)
 */
public record CacheStats(
    String region,
    long l1Hits,
    long l2Hits,
    long misses,
    long loads,
    long loadFailures,
    long redisErrors,
    long size) {

  /** Reads answered by either level. */
  public long hits() {
    return l1Hits + l2Hits;
  }

  /** hits / (hits + misses), or 0 before any read. */
  public double hitRate() {
    long total = hits() + misses;
    return total == 0 ? 0 : (double) hits() / total;
  }
}
