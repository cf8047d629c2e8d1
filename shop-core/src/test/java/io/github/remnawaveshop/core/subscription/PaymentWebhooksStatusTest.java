package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every row of the webhook status table in PaymentWebhooks' javadoc and docs/payments.md. */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentWebhooksStatusTest {
  private EngineFixture f;
  private SubscriptionEngine engine;
  private Order order;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 4);
    f.plan("month", 30, 500, "USD");
    engine = f.engine();
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.of("alice"), "en", Optional.empty());
    order = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
  }

  private long paid() {
    return f.count(
        "SELECT count(*) FROM shop_payments WHERE status = 'PAID' AND id = " + order.paymentId());
  }

  @Test
  void unknownGatewayIs404() {
    byte[] body = HmacTestGateway.body("evt_1", "PAID", order.reference(), "pi_1", 500, "USD");
    WebhookReply r =
        engine.webhooks().handle("nope", HmacTestGateway.signed(EngineFixture.SECRET, body), body);
    assertThat(r.status()).isEqualTo(404);
    assertThat(paid()).isZero();
  }

  @Test
  void missingSignatureIs401() {
    byte[] body = HmacTestGateway.body("evt_2", "PAID", order.reference(), "pi_2", 500, "USD");
    WebhookReply r = engine.webhooks().handle("testpay", Map.of(), body);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("missing signature");
    assertThat(paid()).isZero();
  }

  @Test
  void badSignatureIs401AndATamperedAmountIsNotCredited() {
    byte[] body = HmacTestGateway.body("evt_3", "PAID", order.reference(), "pi_3", 500, "USD");
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("500", "5")
            .getBytes(StandardCharsets.UTF_8);
    WebhookReply r =
        engine
            .webhooks()
            .handle("testpay", HmacTestGateway.signed(EngineFixture.SECRET, body), tampered);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("invalid signature");
    WebhookReply wrongKey =
        engine.webhooks().handle("testpay", HmacTestGateway.signed("other-secret", body), body);
    assertThat(wrongKey.status()).isEqualTo(401);
    assertThat(paid()).isZero();
  }

  @Test
  void malformedIs400() {
    byte[] body = "{\"id\":\"evt_4\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(f.deliver(engine, body).status()).isEqualTo(400);
    assertThat(f.count("SELECT count(*) FROM shop_webhook_events WHERE event_id = 'evt_4'"))
        .isZero();
  }

  @Test
  void unknownOrderIs422AndIsNotRemembered() {
    WebhookReply r =
        f.deliver(engine, HmacTestGateway.body("evt_5", "PAID", "ord_missing", "pi_5", 500, "USD"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).isEqualTo("unknown order");
    assertThat(f.count("SELECT count(*) FROM shop_webhook_events WHERE event_id = 'evt_5'"))
        .isZero();
  }

  @Test
  void wrongAmountOrCurrencyIs422AndNothingIsCredited() {
    assertThat(
            f.deliver(
                    engine,
                    HmacTestGateway.body("evt_6", "PAID", order.reference(), "pi_6", 499, "USD"))
                .body())
        .isEqualTo("amount mismatch");
    assertThat(
            f.deliver(
                    engine,
                    HmacTestGateway.body("evt_7", "PAID", order.reference(), "pi_7", 500, "EUR"))
                .status())
        .isEqualTo(422);
    assertThat(paid()).isZero();
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_outbox WHERE dedupe_key = 'provision:payment:"
                    + order.paymentId()
                    + "'"))
        .isZero();
  }

  @Test
  void successIsTheGatewaysReplyAndARedeliveryGetsItToo() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    Order o = engine.purchase(PurchaseRequest.of(tg, "month", "USD")).order();
    byte[] body = HmacTestGateway.body("evt_8", "PAID", o.reference(), "pi_8", 500, "USD");
    WebhookReply first = f.deliver(engine, body);
    WebhookReply again =
        engine
            .webhooks()
            .handle(
                "testpay",
                Map.of(
                    "x-test-signature",
                    HmacTestGateway.signed(EngineFixture.SECRET, body).get(HmacTestGateway.HEADER)),
                body);
    assertThat(first).isEqualTo(new WebhookReply(200, "text/plain; charset=utf-8", "OKevt_8"));
    assertThat(again).isEqualTo(first);
    assertThat(
            f.count(
                "SELECT count(*) FROM shop_payments WHERE external_id = 'pi_8' AND status = 'PAID'"))
        .isEqualTo(1);
    assertThat(List.of(first.status())).containsExactly(200);
  }
}
