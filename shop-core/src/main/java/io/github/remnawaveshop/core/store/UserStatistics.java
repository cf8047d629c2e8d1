package io.github.remnawaveshop.core.store;

/**
 * Counts of users for admin screens, read in one query by {@link UserRepository#statistics}.
 *
 * @param total all registered users
 * @param newSince users registered at or after the given instant
 * @param withActiveSubscription users whose active subscription has not ended at the given now
 * @param trialsGranted users who were ever granted the trial
 * @param activeTrials users whose current access is a trial
 */
public record UserStatistics(
    long total,
    long newSince,
    long withActiveSubscription,
    long trialsGranted,
    long activeTrials) {}
