package io.github.remnawaveshop.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PaymentRepository#recordDeliveryAndLockForCredit} did in its one statement: whether
 * the provider's delivery was new (and is now remembered), and, for a new one, the order locked for
 * crediting.
 *
 * @param firstDelivery false when the delivery was remembered before (a redelivery: nothing was
 *     locked)
 * @param order the order with that reference, locked, when the delivery is new and the order exists
 */
public record CreditLock(boolean firstDelivery, Optional<LockedPayment> order) {
  /** Checks the fields. */
  public CreditLock {
    Objects.requireNonNull(order, "order");
    if (!firstDelivery && order.isPresent()) {
      throw new IllegalArgumentException("a redelivery locks no order");
    }
  }
}
