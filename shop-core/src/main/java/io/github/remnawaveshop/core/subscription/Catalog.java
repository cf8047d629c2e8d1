package io.github.remnawaveshop.core.subscription;

import java.util.List;
import java.util.Objects;

/**
 * The active plans at one moment, as cached in the {@link #REGION} of a {@link
 * io.github.remnawaveshop.core.cache.CacheLayer}.
 *
 * @param plans active plans in display order
 */
public record Catalog(List<Plan> plans) {

  /**
   * The name of {@link #REGION}: distinct from {@code StandardRegion.PLANS} ({@code "plans"}) so
   * both fit in one cache.
   */
  public static final String REGION_NAME = "shop-catalog";

  /**
   * The cache region the engine keeps the catalog in: named {@value #REGION_NAME}, with the TTL and
   * size of the standard {@code plans} region (600 s), one key. Register this constant with the
   * {@code CacheLayer} you give to {@link SubscriptionEngine.Builder#cache}; your own {@code
   * StandardRegion.PLANS} region can sit beside it.
   */
  public static final io.github.remnawaveshop.core.cache.CacheRegion<String, Catalog> REGION =
      io.github.remnawaveshop.core.cache.CacheRegion.builder(
              REGION_NAME, String.class, Catalog.class)
          .ttl(io.github.remnawaveshop.core.cache.StandardRegion.PLANS.ttl())
          .maximumSize(io.github.remnawaveshop.core.cache.StandardRegion.PLANS.maximumSize())
          .build();

  /** The one key of the catalog in {@link #REGION}. */
  public static final String KEY = "active";

  /** Copies. */
  public Catalog {
    plans = List.copyOf(Objects.requireNonNull(plans, "plans"));
  }
}
