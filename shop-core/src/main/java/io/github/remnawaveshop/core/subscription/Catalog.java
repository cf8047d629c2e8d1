package io.github.remnawaveshop.core.subscription;

import java.util.List;
import java.util.Objects;

/**
 * The active plans at one moment, as cached in the {@link #REGION} of a
 * {@link io.github.remnawaveshop.core.cache.CacheLayer}.
 *
 * @param plans active plans in display order
 */
public record Catalog(List<Plan> plans) {

  /**
   * The cache region the engine keeps the catalog in: the standard {@code plans} region (600 s TTL) with
   * one key. Register it with the {@code CacheLayer} you give to {@link SubscriptionEngine.Builder#cache}.
   */
  public static final io.github.remnawaveshop.core.cache.CacheRegion<String, Catalog> REGION =
      io.github.remnawaveshop.core.cache.StandardRegion.PLANS.region(String.class, Catalog.class);

  /** The one key of the catalog in {@link #REGION}. */
  public static final String KEY = "active";

  /** Copies. */
  public Catalog {
    plans = List.copyOf(Objects.requireNonNull(plans, "plans"));
  }
}
