/**
 * Per-key rate limiting for bots: a sliding-window limit (exact sliding log, the default; in memory
 * also GCRA, a constant-memory token bucket), automatic temporary bans, exemptions, and an
 * in-memory or Redis backend.
 *
 * <p>Start with {@link io.github.remnawaveshop.core.ratelimit.RateLimiter#builder()}. Only {@link
 * io.github.remnawaveshop.core.ratelimit.RateLimiter}, {@link
 * io.github.remnawaveshop.core.ratelimit.RateLimiter.Builder}, {@link
 * io.github.remnawaveshop.core.ratelimit.RateLimiter.Algorithm}, {@link
 * io.github.remnawaveshop.core.ratelimit.Decision}, {@link
 * io.github.remnawaveshop.core.ratelimit.RateLimiterStats}, {@link
 * io.github.remnawaveshop.core.ratelimit.RedisFailurePolicy}, {@link
 * io.github.remnawaveshop.core.ratelimit.TimeSource} and {@link
 * io.github.remnawaveshop.core.ratelimit.RateLimiterException} are API; the backends are
 * package-private. See {@code docs/rate-limiting.md} for the algorithm, its accuracy and the Redis
 * key layout.
 */
@NullMarked
package io.github.remnawaveshop.core.ratelimit;

import org.jspecify.annotations.NullMarked;
