package io.github.remnawaveshop.core.store;

import java.util.Objects;

/**
 * What {@link PaymentRepository#markPaidAndCreditPlan} wrote in its one statement.
 *
 * @param payment the order, now paid
 * @param subscription its buyer's subscription after the credit
 */
public record PaidCredit(Payment payment, Subscription subscription) {
  /** Checks the fields. */
  public PaidCredit {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(subscription, "subscription");
  }
}
