package io.github.remnawaveshop.core.cache;

import java.time.Duration;

/**
 * The shop's usual regions with the seed report's TTLs. The value types belong to the caller, so a
 * constant makes a region once given them: {@code CacheRegion<Long, Plan> plans =
 * StandardRegion.PLANS.region(Long.class, Plan.class);}
 */
public enum StandardRegion {
  /** Bot users' profiles by Telegram user id: 300 s, 10,000 entries. */
  USER_PROFILES("user-profiles", Duration.ofSeconds(300), 10_000),
  /** The plan catalogue: 600 s, 1,000 entries. */
  PLANS("plans", Duration.ofSeconds(600), 1_000),
  /** Users as the Remnawave panel reports them: 120 s, 10,000 entries. */
  PANEL_USERS("panel-users", Duration.ofSeconds(120), 10_000),
  /** Subscriptions: 60 s, 10,000 entries. */
  SUBSCRIPTIONS("subscriptions", Duration.ofSeconds(60), 10_000),
  /** Statistics for admins: 180 s, 1,000 entries. */
  STATISTICS("statistics", Duration.ofSeconds(180), 1_000);

  private final String regionName;
  private final Duration ttl;
  private final long maximumSize;

  StandardRegion(String regionName, Duration ttl, long maximumSize) {
    this.regionName = regionName;
    this.ttl = ttl;
    this.maximumSize = maximumSize;
  }

  /** The region name used in Redis keys and metrics. */
  public String regionName() {
    return regionName;
  }

  /** The default TTL. */
  public Duration ttl() {
    return ttl;
  }

  /** The default level-1 size. */
  public long maximumSize() {
    return maximumSize;
  }

  /** A builder with this region's defaults, to adjust before {@code build()}. */
  public <K, V> CacheRegion.Builder<K, V> builder(Class<K> keyType, Class<V> valueType) {
    return CacheRegion.builder(regionName, keyType, valueType).ttl(ttl).maximumSize(maximumSize);
  }

  /** The region with this constant's defaults. */
  public <K, V> CacheRegion<K, V> region(Class<K> keyType, Class<V> valueType) {
    return builder(keyType, valueType).build();
  }
}
