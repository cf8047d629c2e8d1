package io.github.remnawaveshop.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A payment locked for crediting, with what crediting needs to know read in the same statement
 * ({@link PaymentRepository#lockForCredit}).
 *
 * @param payment the locked payment
 * @param externalIdTaken whether another payment of the provider already holds the external id
 *     given
 * @param planDurationDays the days of the payment's plan, when it has one
 * @param payer the payment's user, whose account lock ({@link UserRepository#lockAccounts}) the
 *     statement took after the payment's row lock
 */
public record LockedPayment(
    Payment payment, boolean externalIdTaken, Optional<Integer> planDurationDays, User payer) {
  /** Checks the fields. */
  public LockedPayment {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(planDurationDays, "planDurationDays");
    Objects.requireNonNull(payer, "payer");
    if (payer.id() != payment.userId()) {
      throw new IllegalArgumentException(
          "payer "
              + payer.id()
              + " is not the user "
              + payment.userId()
              + " of payment "
              + payment.id());
    }
  }
}
