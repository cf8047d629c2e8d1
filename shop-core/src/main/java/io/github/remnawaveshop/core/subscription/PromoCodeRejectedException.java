package io.github.remnawaveshop.core.subscription;

import java.util.Objects;

/** A promo code cannot be used; {@link #reason()} says why, for the message shown to the user. */
public final class PromoCodeRejectedException extends SubscriptionException {
  private static final long serialVersionUID = 1L;

  /** Why a promo code was rejected. */
  public enum Reason {
    /** No such code. */
    UNKNOWN,
    /** The code exists but is switched off. */
    INACTIVE,
    /** Past its validity date. */
    EXPIRED,
    /** All its activations are used. */
    EXHAUSTED,
    /** This user has used it as often as allowed. */
    ALREADY_USED,
    /** The code is a discount and can only be used with a purchase (or bonus days, and cannot). */
    WRONG_KIND
  }

  private final Reason reason;

  /** With a reason and a message. */
  public PromoCodeRejectedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the code was rejected. */
  public Reason reason() {
    return reason;
  }
}
