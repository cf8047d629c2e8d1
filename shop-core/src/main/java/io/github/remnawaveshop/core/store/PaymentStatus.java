package io.github.remnawaveshop.core.store;

/**
 * Life cycle of a payment. Only {@link #PENDING} payments change to {@link #PAID}, {@link #FAILED}
 * or {@link #CANCELLED}; only {@link #PAID} ones to {@link #PARTIALLY_REFUNDED} or {@link
 * #REFUNDED} ({@link Payment#refundedMinor()} says how much came back).
 */
public enum PaymentStatus {
  /** Checkout created, money not confirmed yet. */
  PENDING,
  /** The provider confirmed the money. */
  PAID,
  /** The provider declined it. */
  FAILED,
  /** Abandoned or cancelled before payment. */
  CANCELLED,
  /** Paid, then part of it given back (more refunds may follow). */
  PARTIALLY_REFUNDED,
  /** Paid, then given back in full. */
  REFUNDED
}
