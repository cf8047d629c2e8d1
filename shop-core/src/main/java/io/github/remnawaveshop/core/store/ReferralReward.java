package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Bonus days granted to a referrer for a referred user's join or payment.
 *
 * @param id the store's id
 * @param referrerId the inviting user
 * @param referredId the invited user
 * @param paymentId the payment that earned it, empty for a reward for joining
 * @param bonusDays days granted
 * @param createdAt when
 */
public record ReferralReward(
    long id,
    long referrerId,
    long referredId,
    Optional<Long> paymentId,
    int bonusDays,
    Instant createdAt) {}
