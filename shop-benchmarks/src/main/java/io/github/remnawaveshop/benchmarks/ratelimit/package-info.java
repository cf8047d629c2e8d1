/**
 * JMH benchmarks of {@code core.ratelimit} side by side with Bucket4j (local buckets and the
 * Lettuce-based proxy manager) and a raw Redis round trip. Not API.
 */
package io.github.remnawaveshop.benchmarks.ratelimit;
