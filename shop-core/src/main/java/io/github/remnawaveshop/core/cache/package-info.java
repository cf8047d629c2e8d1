/**
 * A two-level cache for the shop's hot reads: typed {@link
 * io.github.remnawaveshop.core.cache.CacheRegion}s with their own TTL and size, kept in process by
 * Caffeine (level 1) over an optional Redis (level 2, JSON values tagged with their type), with
 * single-flight loading and cross-instance invalidation over Redis pub/sub. Build one with {@link
 * io.github.remnawaveshop.core.cache.CacheLayer#builder()}; see {@code docs/cache.md}.
 *
 * <p>Public API: {@code CacheLayer}, {@code CacheRegion}, {@code StandardRegion}, {@code
 * CacheStats} and the exceptions. Every other class here is package-private and not API.
 */
@NullMarked
package io.github.remnawaveshop.core.cache;

import org.jspecify.annotations.NullMarked;
