package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One use of a promo code by a user.
 *
 * @param id the store's id
 * @param promoCodeId the code
 * @param userId the user
 * @param activationNo which of the user's activations of this code it is, from 1
 * @param paymentId the payment the code was applied to, if any
 * @param activatedAt when
 */
public record PromoActivation(
    long id,
    long promoCodeId,
    long userId,
    int activationNo,
    Optional<Long> paymentId,
    Instant activatedAt) {}
