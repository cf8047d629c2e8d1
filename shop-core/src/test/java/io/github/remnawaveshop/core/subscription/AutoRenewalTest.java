package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.RecurringCapability;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.testkit.PostgresServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Auto-renewal through a gateway the shop asks to charge a saved method ({@link
 * RecurringCapability}).
 */
@ExtendWith(ShopServersExtension.class)
class AutoRenewalTest {

  /** The HMAC test gateway plus a recurring capability that records each charge request. */
  static final class RecurringGateway implements PaymentGateway, RecurringCapability {
    record Charge(CheckoutRequest request, String providerSubscriptionId) {}

    final HmacTestGateway delegate;
    final List<Charge> charges = new CopyOnWriteArrayList<>();
    volatile boolean refuse;

    RecurringGateway(HmacTestGateway delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public Set<String> supportedCurrencies() {
      return delegate.supportedCurrencies();
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
      return delegate.createCheckout(request);
    }

    @Override
    public VerifiedNotification verify(Notification notification) {
      return delegate.verify(notification);
    }

    @Override
    public boolean providerSchedulesRenewals() {
      return false;
    }

    @Override
    public void cancelRenewal(String providerSubscriptionId) {}

    @Override
    public void chargeRenewal(CheckoutRequest request, String providerSubscriptionId) {
      if (refuse) {
        throw new PaymentProviderException("card declined", 402, "card_declined", null);
      }
      charges.add(new Charge(request, providerSubscriptionId));
    }
  }

  private static byte[] paid(String event, String order, String payment, String subscription) {
    return ("{\"id\":\""
            + event
            + "\",\"type\":\"PAID\",\"order\":\""
            + order
            + "\",\"payment\":\""
            + payment
            + "\",\"amount\":29900,\"currency\":\"RUB\",\"subscription\":\""
            + subscription
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Instant subscribe(
      EngineFixture f, SubscriptionEngine engine, long tg, String sub) {
    engine.registerUser(tg, Optional.empty(), "ru", Optional.empty());
    Order order = engine.purchase(PurchaseRequest.of(tg, "month", "RUB")).order();
    assertThat(
            f.deliver(engine, paid("evt_first_" + tg, order.reference(), "pi_first_" + tg, sub))
                .status())
        .isEqualTo(200);
    return f.endsAt(tg);
  }

  @Test
  void dueSubscriptionIsChargedOnceAndExtendedWhenTheChargeIsConfirmed(PostgresServer server)
      throws Exception {
    try (TestDatabase db = server.createDatabase();
        EngineFixture f = new EngineFixture(db, 4)) {
      f.plan("month", 30, 29900, "RUB");
      RecurringGateway gateway = new RecurringGateway(f.gateway);
      SubscriptionEngine engine =
          f.engine(b -> b.gateways(PaymentGateways.builder().add(gateway).build()));
      long tg = EngineFixture.newTelegramId();
      Instant end = subscribe(f, engine, tg, "sub_" + tg);

      assertThat(engine.renewDue()).as("not due yet").isZero();
      f.clock.set(end.minus(Duration.ofHours(12)));
      assertThat(engine.renewDue()).isEqualTo(1);
      assertThat(engine.renewDue()).as("a second run must not charge again").isZero();
      assertThat(gateway.charges)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.providerSubscriptionId()).isEqualTo("sub_" + tg);
                assertThat(c.request().amount().minorUnits()).isEqualTo(29900);
                assertThat(c.request().amount().currency()).isEqualTo("RUB");
                assertThat(c.request().idempotencyKey()).isEqualTo(c.request().orderReference());
              });

      String renewal = gateway.charges.get(0).request().orderReference();
      byte[] confirmation = paid("evt_renew_" + tg, renewal, "pi_renew_" + tg, "sub_" + tg);
      assertThat(f.deliver(engine, confirmation).status()).isEqualTo(200);
      assertThat(f.deliver(engine, confirmation).status()).as("redelivery").isEqualTo(200);
      assertThat(f.endsAt(tg)).isEqualTo(end.plus(Duration.ofDays(30)));
      engine.close();
    }
  }

  @Test
  void declinedChargeCancelsThePendingRenewalAndTellsTheUser(PostgresServer server)
      throws Exception {
    try (TestDatabase db = server.createDatabase();
        EngineFixture f = new EngineFixture(db, 4)) {
      f.plan("month", 30, 29900, "RUB");
      RecurringGateway gateway = new RecurringGateway(f.gateway);
      gateway.refuse = true;
      SubscriptionEngine engine =
          f.engine(b -> b.gateways(PaymentGateways.builder().add(gateway).build()));
      long tg = EngineFixture.newTelegramId();
      Instant end = subscribe(f, engine, tg, "sub_" + tg);
      f.clock.set(end.minus(Duration.ofHours(12)));

      assertThat(engine.renewDue()).isZero();
      assertThat(
              f.count(
                  "SELECT count(*) FROM shop_payments WHERE status = 'CANCELLED' AND idempotency_key LIKE 'renew-%'"))
          .isEqualTo(1);
      f.runAllOutbox(engine);
      assertThat(f.notices.notices).anyMatch(n -> n.kind() == Notice.Kind.RENEWAL_NEEDED);
      assertThat(f.endsAt(tg)).isEqualTo(end);
      engine.close();
    }
  }

  /**
   * Issue 16 item 3: a pass that wrote the renewal order and died before charging is not the end of
   * it.
   */
  @Test
  void aRenewalOrderLeftPendingByAnInterruptedPassIsChargedAgainWithTheSameKey(
      PostgresServer server) throws Exception {
    try (TestDatabase db = server.createDatabase();
        EngineFixture f = new EngineFixture(db, 4)) {
      f.plan("month", 30, 29900, "RUB");
      RecurringGateway gateway = new RecurringGateway(f.gateway);
      SubscriptionEngine engine =
          f.engine(b -> b.gateways(PaymentGateways.builder().add(gateway).build()));
      long tg = EngineFixture.newTelegramId();
      Instant end = subscribe(f, engine, tg, "sub_" + tg);
      f.clock.set(end.minus(Duration.ofHours(12)));
      // the interrupted pass: its renewal order is written, the charge never happened
      long subId =
          f.count(
              "SELECT s.id FROM shop_subscriptions s JOIN shop_users u ON u.id = s.user_id "
                  + "WHERE u.telegram_id = "
                  + tg
                  + " AND s.status = 'ACTIVE'");
      String reference = "renew-" + subId + "-" + end.getEpochSecond();
      f.jdbi.useHandle(
          h ->
              h.execute(
                  "INSERT INTO shop_payments (user_id, provider, idempotency_key, amount_minor, "
                      + "currency, status, plan_id, created_at) SELECT u.id, 'testpay', '"
                      + reference
                      + "', 29900, 'RUB', "
                      + "'PENDING', s.plan_id, '"
                      + f.clock.instant()
                      + "' FROM shop_users u JOIN shop_subscriptions s ON "
                      + "s.user_id = u.id WHERE u.telegram_id = "
                      + tg));

      assertThat(engine.renewDue()).as("just written: its charge may still be confirmed").isZero();
      f.clock.advance(Duration.ofHours(2));
      assertThat(engine.renewDue()).isEqualTo(1);
      assertThat(gateway.charges)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.request().orderReference()).isEqualTo(reference);
                assertThat(c.request().idempotencyKey()).isEqualTo(reference);
              });
      byte[] confirmation =
          paid("evt_renew_late_" + tg, reference, "pi_renew_late_" + tg, "sub_" + tg);
      assertThat(f.deliver(engine, confirmation).status()).isEqualTo(200);
      assertThat(f.endsAt(tg)).isEqualTo(end.plus(Duration.ofDays(30)));
      assertThat(engine.renewDue()).as("paid: not charged again").isZero();
      engine.close();
    }
  }
}
