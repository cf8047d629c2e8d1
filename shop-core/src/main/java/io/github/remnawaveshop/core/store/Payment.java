package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.time.Instant;
import java.util.Optional;

/**
 * A payment attempt and its outcome.
 *
 * @param id the store's id
 * @param userId the payer's store id
 * @param provider the gateway's id, e.g. {@code stripe} or {@code telegram-stars}
 * @param externalId the provider's id of the payment; unique per provider
 * @param idempotencyKey the shop's own key for the checkout, unique
 * @param amount the amount in minor units
 * @param status life-cycle state
 * @param planId the plan bought
 * @param promoCodeId the promo code applied
 * @param createdAt when the checkout was created
 * @param paidAt when the provider confirmed the money
 * @param refundedAt when it was refunded
 * @param creditedDays the days this payment added to its user's subscription, once credited (a
 *     refund takes these back)
 * @param refundedMinor how much of the amount was given back so far, in minor units
 */
public record Payment(
    long id,
    long userId,
    String provider,
    Optional<String> externalId,
    String idempotencyKey,
    Money amount,
    PaymentStatus status,
    Optional<Long> planId,
    Optional<Long> promoCodeId,
    Instant createdAt,
    Optional<Instant> paidAt,
    Optional<Instant> refundedAt,
    Optional<Integer> creditedDays,
    long refundedMinor) {}
