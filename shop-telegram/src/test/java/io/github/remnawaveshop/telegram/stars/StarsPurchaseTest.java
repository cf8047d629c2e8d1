package io.github.remnawaveshop.telegram.stars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.core.panel.PanelRetryPolicy;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.PaymentStatus;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.Purchase;
import io.github.remnawaveshop.core.subscription.PurchaseRequest;
import io.github.remnawaveshop.core.subscription.ReferralSettings;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.dispatch.DispatchResult;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.transport.LongPolling;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.PaymentOutcome;
import io.github.remnawaveshop.testkit.telegram.SimulatedInvoice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stars purchases end to end: the real engine on PostgreSQL, the Remnawave panel simulator, and
 * Telegram played by the Bot API simulator, with the bot on long polling and {@link StarsPayments}'
 * router in its dispatcher.
 */
@ExtendWith(ShopServersExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StarsPurchaseTest {
  private static final AtomicLong IDS = new AtomicLong(7_000_000);
  private static final Money PRICE = Money.of(199, "XTR");
  private static ShopStore store;
  private static TestDatabase database;

  private MockWebServer panelServer;
  private BotApiSimulator sim;
  private TelegramBot bot;
  private StarsGateway gateway;
  private SubscriptionEngine engine;
  private StarsPayments stars;
  private Dispatcher dispatcher;
  private LongPolling polling;

  @BeforeAll
  static void migrate(TestDatabase db) {
    database = db;
    store = ShopStore.builder().dataSource(db.dataSource()).build();
    store.migrate();
    store
        .plans()
        .create(
            NewPlan.builder()
                .code("stars-month")
                .title("VPN month")
                .durationDays(30)
                .trafficLimitBytes(0)
                .deviceLimit(3)
                .price(PRICE)
                .build());
  }

  @BeforeEach
  void start() throws Exception {
    panelServer = new MockWebServer();
    panelServer.setDispatcher(RemnawavePanelSimulator.builder().apiToken("test-token").build());
    panelServer.start();
    RemnawavePanel panel =
        RemnawavePanel.builder()
            .baseUrl(panelServer.url("/").toString())
            .apiToken(Secret.of("test-token"))
            .retryPolicy(PanelRetryPolicy.none())
            .readTimeout(Duration.ofSeconds(5))
            .build();
    sim = BotApiSimulator.builder().build();
    bot = TelegramBot.builder().token(Secret.of(sim.token())).baseUrl(sim.baseUrl()).build();
    gateway = StarsGateway.builder().bot(bot).orders(StarsOrders.of(store)).build();
    engine =
        SubscriptionEngine.builder()
            .dataSource(database.dataSource())
            .panel(panel)
            .gateways(PaymentGateways.builder().add(gateway).build())
            .referrals(ReferralSettings.none())
            .build();
    stars =
        StarsPayments.builder()
            .gateway(gateway)
            .sink(engine)
            .orders(StarsOrders.of(store))
            .retries(1, Duration.ZERO)
            .build();
    dispatcher = Dispatcher.builder().bot(bot).router(stars.router()).build();
    polling =
        LongPolling.builder()
            .bot(bot)
            .dispatcher(dispatcher)
            .timeout(Duration.ofSeconds(1))
            .build();
    polling.start();
  }

  @AfterEach
  void stop() throws Exception {
    polling.stop();
    dispatcher.close();
    engine.close();
    bot.close();
    sim.close();
    panelServer.close();
  }

  private long newBuyer(String language) {
    long id = IDS.incrementAndGet();
    sim.user(id).name("Buyer").language(language);
    engine.registerUser(id, Optional.empty(), language, Optional.empty());
    return id;
  }

  private Purchase buy(long buyer) {
    return engine.purchase(PurchaseRequest.of(buyer, "stars-month", "XTR"));
  }

  private PaymentStatus status(Purchase p) {
    return store.payments().findByIdempotencyKey(p.order().reference()).orElseThrow().status();
  }

  private Instant endsAt(long buyer) {
    return engine.activeSubscription(buyer).orElseThrow().endsAt();
  }

  @Test
  void purchaseEndToEndIsApprovedAndCredited() {
    long buyer = newBuyer("en");
    Purchase purchase = buy(buyer);
    Checkout checkout = purchase.checkout();
    assertThat(checkout.gatewayId()).isEqualTo("stars");
    assertThat(checkout.paymentUrl()).isPresent();
    SimulatedInvoice invoice = sim.invoiceLink(checkout.paymentUrl().get().toString());
    assertThat(invoice.payload()).isEqualTo(purchase.order().reference());
    assertThat(invoice.currency()).isEqualTo("XTR");
    assertThat(invoice.totalAmount()).isEqualTo(199);
    assertThat(sim.requests("createInvoiceLink").get(0).params().path("provider_token").asText("x"))
        .isEmpty();

    PaymentOutcome outcome = sim.user(buyer).pays(invoice);

    assertThat(outcome.approved()).as("pre-checkout approved: %s", outcome.errorMessage()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(purchase) == PaymentStatus.PAID);
    assertThat(
            store
                .payments()
                .findByIdempotencyKey(purchase.order().reference())
                .orElseThrow()
                .externalId())
        .contains(outcome.chargeId());
    assertThat(endsAt(buyer))
        .isCloseTo(Instant.now().plus(30, ChronoUnit.DAYS), within(Duration.ofMinutes(5)));
  }

  @Test
  void sendInvoiceModeSendsTheInvoiceToTheBuyersChat() {
    long buyer = newBuyer("en");
    StarsGateway chat =
        StarsGateway.builder().bot(bot).checkoutMode(StarsCheckoutMode.CHAT).build();
    Checkout checkout =
        chat.createCheckout(
            io.github.remnawaveshop.core.payment.CheckoutRequest.builder()
                .orderReference("ord_chat_" + buyer)
                .amount(PRICE)
                .description("VPN month")
                .customerId(buyer)
                .idempotencyKey("ord_chat_" + buyer)
                .build());
    assertThat(checkout.paymentUrl()).isEmpty();
    assertThat(checkout.invoice())
        .containsEntry("chat_id", buyer)
        .containsEntry("payload", "ord_chat_" + buyer);
    assertThat(sim.chat(buyer).invoices())
        .singleElement()
        .satisfies(i -> assertThat(i.payload()).isEqualTo("ord_chat_" + buyer));
  }

  @Test
  void successfulPaymentDeliveredTwiceIsCreditedOnce() throws Exception {
    long buyer = newBuyer("en");
    Purchase purchase = buy(buyer);
    PaymentOutcome outcome =
        sim.user(buyer).pays(sim.invoiceLink(purchase.checkout().paymentUrl().get().toString()));
    await().atMost(Duration.ofSeconds(10)).until(() -> status(purchase) == PaymentStatus.PAID);
    Instant credited = endsAt(buyer);

    // the same successful_payment again: once more to the running bot under another update id, and
    // to a bot
    // that restarted (its dispatcher's update-id memory is gone)
    String again =
        successfulPaymentUpdate(900_001, buyer, purchase.order().reference(), outcome.chargeId());
    assertThat(dispatcher.feed(again).get(10, TimeUnit.SECONDS)).isEqualTo(DispatchResult.HANDLED);
    try (Dispatcher restarted = Dispatcher.builder().bot(bot).router(stars.router()).build()) {
      assertThat(restarted.feed(again).get(10, TimeUnit.SECONDS)).isEqualTo(DispatchResult.HANDLED);
      restarted
          .feed(
              successfulPaymentUpdate(
                  900_002, buyer, purchase.order().reference(), outcome.chargeId()))
          .get(10, TimeUnit.SECONDS);
    }

    assertThat(endsAt(buyer)).as("credited once").isEqualTo(credited);
    assertThat(
            store
                .payments()
                .findByIdempotencyKey(purchase.order().reference())
                .orElseThrow()
                .status())
        .isEqualTo(PaymentStatus.PAID);
    long paidRows = store.payments().findByExternalId("stars", outcome.chargeId()).stream().count();
    assertThat(paidRows).isEqualTo(1);
  }

  @Test
  void preCheckoutIsDeclinedForAWrongAmount() {
    long buyer = newBuyer("en");
    Purchase purchase = buy(buyer);
    SimulatedInvoice real = sim.invoiceLink(purchase.checkout().paymentUrl().get().toString());
    SimulatedInvoice cheaper =
        new SimulatedInvoice(
            real.title(),
            real.description(),
            real.payload(),
            "XTR",
            1,
            real.chatId(),
            real.messageId(),
            real.link(),
            real.subscriptionPeriod());

    PaymentOutcome outcome = sim.user(buyer).pays(cheaper);

    assertThat(outcome.approved()).isFalse();
    assertThat(outcome.errorMessage())
        .contains("The price of this order has changed. Please start a new purchase.");
    assertThat(status(purchase)).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void preCheckoutIsDeclinedForAnOrderNoLongerPendingInTheUsersLanguage() {
    long buyer = newBuyer("ru");
    Purchase purchase = buy(buyer);
    SimulatedInvoice invoice = sim.invoiceLink(purchase.checkout().paymentUrl().get().toString());
    assertThat(sim.user(buyer).pays(invoice).approved()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(purchase) == PaymentStatus.PAID);

    PaymentOutcome second = sim.user(buyer).pays(invoice);

    assertThat(second.approved()).isFalse();
    assertThat(second.errorMessage())
        .contains("Этот заказ уже оплачен или отменён. Начните покупку заново.");
  }

  @Test
  void preCheckoutIsDeclinedForAnUnknownOrder() {
    long buyer = newBuyer("en");
    SimulatedInvoice forged =
        new SimulatedInvoice(
            "VPN",
            "VPN",
            "ord_nobody_knows",
            "XTR",
            199,
            java.util.OptionalLong.empty(),
            java.util.OptionalLong.empty(),
            Optional.empty(),
            java.util.OptionalInt.empty());
    PaymentOutcome outcome = sim.user(buyer).pays(forged);
    assertThat(outcome.approved()).isFalse();
    assertThat(outcome.errorMessage())
        .contains("This invoice is not valid any more. Please start a new purchase.");
  }

  @Test
  void refundGoesThroughRefundStarPaymentAndTakesTheDaysBack() {
    long buyer = newBuyer("en");
    Instant before = Instant.now();
    Purchase purchase = buy(buyer);
    PaymentOutcome outcome =
        sim.user(buyer).pays(sim.invoiceLink(purchase.checkout().paymentUrl().get().toString()));
    await().atMost(Duration.ofSeconds(10)).until(() -> status(purchase) == PaymentStatus.PAID);

    RefundCapability refunds = gateway.capability(RefundCapability.class).orElseThrow();
    RefundCapability.RefundResult result =
        refunds.refund(outcome.chargeId(), Optional.empty(), "refund-1");

    assertThat(result.refundId()).isEqualTo(outcome.chargeId());
    assertThat(sim.refundedCharges()).contains(outcome.chargeId());
    assertThat(sim.requests("refundStarPayment").get(0).params().path("user_id").asLong())
        .isEqualTo(buyer);
    await().atMost(Duration.ofSeconds(10)).until(() -> status(purchase) == PaymentStatus.REFUNDED);
    engine
        .activeSubscription(buyer)
        .ifPresent(
            s ->
                assertThat(s.endsAt())
                    .as("the 30 days were taken back")
                    .isBefore(before.plus(1, ChronoUnit.DAYS)));

    assertThatThrownBy(() -> refunds.refund(outcome.chargeId(), Optional.empty(), "refund-2"))
        .isInstanceOf(PaymentProviderException.class);
    assertThatThrownBy(
            () -> refunds.refund(outcome.chargeId(), Optional.of(Money.of(1, "XTR")), "refund-3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole payments only");
  }

  @Test
  void aForgedPostToTheStarsWebhookEndpointIsRejected() {
    long buyer = newBuyer("en");
    Purchase purchase = buy(buyer);
    String body =
        "{\"type\":\"successful_payment\",\"user_id\":"
            + buyer
            + ",\"date\":1,\"currency\":\"XTR\","
            + "\"total_amount\":199,\"invoice_payload\":\""
            + purchase.order().reference()
            + "\",\"telegram_payment_charge_id\":\"forged\"}";
    WebhookReply unsigned =
        engine
            .webhooks()
            .handle(
                "stars",
                Map.of("Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    WebhookReply guessed =
        engine
            .webhooks()
            .handle(
                "stars",
                Map.of(
                    "X-Shop-Stars-Signature",
                    List.of("t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64))),
                body.getBytes(StandardCharsets.UTF_8));

    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(guessed.status()).isEqualTo(401);
    assertThat(status(purchase)).isEqualTo(PaymentStatus.PENDING);
  }

  private static String successfulPaymentUpdate(
      long updateId, long buyer, String payload, String chargeId) {
    return "{\"update_id\":"
        + updateId
        + ",\"message\":{\"message_id\":77,\"from\":{\"id\":"
        + buyer
        + ",\"is_bot\":false,\"first_name\":\"Buyer\"},\"chat\":{\"id\":"
        + buyer
        + ",\"type\":\"private\"},"
        + "\"date\":"
        + Instant.now().getEpochSecond()
        + ",\"successful_payment\":{\"currency\":\"XTR\","
        + "\"total_amount\":199,\"invoice_payload\":\""
        + payload
        + "\",\"telegram_payment_charge_id\":\""
        + chargeId
        + "\",\"provider_payment_charge_id\":\"\"}}}";
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration d) {
    return org.assertj.core.api.Assertions.within(d.toSeconds(), ChronoUnit.SECONDS);
  }
}
