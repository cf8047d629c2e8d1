package io.github.remnawaveshop.core.store;

/** Life cycle of a subscription. A user has at most one {@link #ACTIVE} subscription. */
public enum SubscriptionStatus {
  /** Created, waiting for provisioning or payment. */
  PENDING,
  /** Serving the user (until its end, when the expiry sweep marks it {@link #EXPIRED}). */
  ACTIVE,
  /** Ran out. */
  EXPIRED,
  /** Ended early by the user, an admin or a refund. */
  CANCELLED
}
