package io.github.remnawaveshop.core.ratelimit;

/**
 * What every key of one in-memory limiter decides by, made once per limiter and handed to each
 * decision, so a key's state holds none of it.
 *
 * @param limit requests per window
 * @param windowMillis the window
 * @param banMillis the ban, 0 for none
 * @param originMillis GCRA only: the epoch millisecond its relative times count from (the clock at
 *     build), which keeps {@code time x limit} far from overflow whatever the clock says
 * @param decisions makes and counts the decisions
 */
record KeyRules(
    int limit, long windowMillis, long banMillis, long originMillis, Decisions decisions) {}
