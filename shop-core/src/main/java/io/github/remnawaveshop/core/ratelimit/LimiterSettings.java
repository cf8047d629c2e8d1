package io.github.remnawaveshop.core.ratelimit;

import java.time.Clock;
import java.util.function.Predicate;

/** The validated settings every backend shares. */
record LimiterSettings(
    int limit, long windowMillis, long banMillis, Predicate<String> exempt, Clock clock) {}
