package io.github.remnawaveshop.payments.tck;

/**
 * The kinds of notification the conformance kit feeds to a gateway's {@code verify}. Used to tell a
 * test which one is coming ({@link PaymentGatewayConformanceTest#beforeVerify}) and which rejection
 * reason it must produce ({@link PaymentGatewayConformanceTest#expectedReason}).
 */
public enum NotificationKind {
  /** A genuine notification of a completed payment. */
  PAID,
  /** Signed correctly, then the body (amount, ids) was changed. */
  TAMPERED_BODY,
  /** The signature itself was altered. */
  TAMPERED_SIGNATURE,
  /** The signature is absent. */
  MISSING_SIGNATURE,
  /** Signed correctly but with a secret the gateway does not hold. */
  WRONG_SECRET,
  /** Signed correctly but with a timestamp far outside the protocol's tolerance (a replay). */
  EXPIRED,
  /** Not the protocol at all: an empty or garbled body without any signature. */
  GARBAGE
}
