package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.payment.Money;
import java.time.Instant;
import java.util.Optional;

/** One row of {@code shop_payments}. */
record PaymentRow(
    long id, long userId, String provider, Optional<String> externalId, String reference, Money amount,
    String status, Optional<Long> planId, Optional<Long> promoCodeId, int creditedDays, Instant createdAt) {}
