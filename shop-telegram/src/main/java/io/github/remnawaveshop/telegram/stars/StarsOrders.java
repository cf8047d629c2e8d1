package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.store.ShopRepositories;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Stars code reads orders and payments: the pre-checkout answer needs the order of an
 * invoice payload, a refund needs the buyer of a charge. The shop's data lives in the database, so
 * {@link #of(ShopRepositories)} reads the shop store (correct across restarts and instances);
 * implement it yourself for another source. Implementations are thread-safe and fast (a
 * pre-checkout query must be answered within 10 seconds).
 */
public interface StarsOrders {

  /**
   * The order an invoice was made for.
   *
   * @param reference the invoice payload (the order reference)
   * @return the order, or empty when the shop does not know it
   */
  Optional<StarsOrder> order(String reference);

  /**
   * A recorded Stars payment by its charge id.
   *
   * @param telegramPaymentChargeId Telegram's charge id
   * @return the charge, or empty when the shop did not record it
   */
  Optional<StarsCharge> charge(String telegramPaymentChargeId);

  /**
   * Reads the shop store: orders are payment rows by idempotency key (the order reference), charges
   * are payment rows of gateway {@code stars} by external id, buyers are their users.
   *
   * @param store the migrated shop store the engine writes to (e.g. {@code
   *     ShopStore.builder().dataSource(ds).build()})
   */
  static StarsOrders of(ShopRepositories store) {
    return new StoreStarsOrders(Objects.requireNonNull(store, "store"));
  }

  /**
   * Knows no order and no charge: every pre-checkout query is declined, refunds need the buyer's
   * id.
   */
  static StarsOrders none() {
    return new StarsOrders() {
      @Override
      public Optional<StarsOrder> order(String reference) {
        return Optional.empty();
      }

      @Override
      public Optional<StarsCharge> charge(String telegramPaymentChargeId) {
        return Optional.empty();
      }

      @Override
      public String toString() {
        return "StarsOrders.none()";
      }
    };
  }
}
