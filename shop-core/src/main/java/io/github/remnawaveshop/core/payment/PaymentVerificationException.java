package io.github.remnawaveshop.core.payment;

import java.util.Objects;

/**
 * A provider notification was rejected: nothing may be credited from it. The {@link #reason()}
 * decides the HTTP status the webhook answers with.
 */
public final class PaymentVerificationException extends PaymentException {
  private static final long serialVersionUID = 1L;

  /** Why a notification was rejected. */
  public enum Reason {
    /** The signature header or parameter is absent. */
    MISSING_SIGNATURE,
    /** The signature does not match the body and the secret. */
    BAD_SIGNATURE,
    /** The signed timestamp is outside the allowed tolerance (a replay, or a wrong clock). */
    EXPIRED,
    /** The body is not what the protocol describes (bad JSON, missing fields). */
    MALFORMED,
    /** The provider's own verification service said no, or could not be asked. */
    REJECTED_BY_PROVIDER
  }

  private final Reason reason;

  /** A rejection with a message that must not contain secrets. */
  public PaymentVerificationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** A rejection with a cause. */
  public PaymentVerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the notification was rejected. */
  public Reason reason() {
    return reason;
  }
}
