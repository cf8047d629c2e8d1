package io.github.remnawaveshop.payments.stripe;

import java.util.Locale;

/**
 * The reasons Stripe accepts on a refund ({@code reason} of {@code POST /v1/refunds}). {@link
 * #FRAUDULENT} also adds the card and e-mail to the account's Radar block lists, so use it only for
 * real fraud.
 */
public enum StripeRefundReason {
  /** The buyer was charged twice. */
  DUPLICATE,
  /** The payment was fraudulent. */
  FRAUDULENT,
  /** The buyer asked for the money back. */
  REQUESTED_BY_CUSTOMER;

  /** The value as Stripe writes it ({@code requested_by_customer}). */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
