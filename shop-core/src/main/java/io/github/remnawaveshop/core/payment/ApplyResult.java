package io.github.remnawaveshop.core.payment;

import java.util.Objects;

/**
 * What applying one verified notification did; {@link PaymentWebhooks} turns it into the HTTP
 * answer.
 *
 * @param outcome what happened
 * @param detail a short explanation without secrets, for logs and error bodies
 */
public record ApplyResult(Outcome outcome, String detail) {

  /** What applying a notification did. */
  public enum Outcome {
    /** The payment fact was applied now (credited, marked failed, refunded). */
    APPLIED,
    /** This provider event, or the same payment fact, was already applied; nothing changed. */
    DUPLICATE,
    /** A genuine notification that needs no change (ignored event type, already in that state). */
    IGNORED,
    /** The notification names an order (or payment) the shop does not know; nothing changed. */
    UNKNOWN_ORDER,
    /** The amount or currency differs from the order's; nothing changed. */
    AMOUNT_MISMATCH
  }

  /** Validates. */
  public ApplyResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /** A result with the outcome's name as detail. */
  public static ApplyResult of(Outcome outcome) {
    return new ApplyResult(outcome, outcome.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether the provider should consider the notification delivered (no retry wanted). */
  public boolean accepted() {
    return outcome == Outcome.APPLIED || outcome == Outcome.DUPLICATE || outcome == Outcome.IGNORED;
  }
}
