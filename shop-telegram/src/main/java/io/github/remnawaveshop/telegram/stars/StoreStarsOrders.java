package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.core.store.PaymentStatus;
import io.github.remnawaveshop.core.store.ShopRepositories;
import io.github.remnawaveshop.core.store.User;
import java.util.Optional;

/** {@link StarsOrders} over the shop store's payments and users. */
final class StoreStarsOrders implements StarsOrders {
  private final ShopRepositories store;

  StoreStarsOrders(ShopRepositories store) {
    this.store = store;
  }

  @Override
  public Optional<StarsOrder> order(String reference) {
    return store
        .payments()
        .findByIdempotencyKey(reference)
        .map(
            p ->
                new StarsOrder(
                    p.idempotencyKey(),
                    p.provider(),
                    p.amount(),
                    p.status() == PaymentStatus.PENDING,
                    buyer(p)));
  }

  @Override
  public Optional<StarsCharge> charge(String telegramPaymentChargeId) {
    return store
        .payments()
        .findByExternalId(StarsGateway.ID, telegramPaymentChargeId)
        .map(p -> new StarsCharge(telegramPaymentChargeId, buyer(p), p.amount()));
  }

  private long buyer(Payment p) {
    return store.users().findById(p.userId()).map(User::telegramId).orElse(0L);
  }

  @Override
  public String toString() {
    return "StarsOrders.of(store)";
  }
}
