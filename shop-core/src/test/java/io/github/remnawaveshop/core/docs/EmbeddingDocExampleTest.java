package io.github.remnawaveshop.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.fsm.StorageKey;
import io.github.remnawaveshop.core.ops.ShopLifecycle;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.NewPromoCode;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.Catalog;
import io.github.remnawaveshop.core.subscription.Order;
import io.github.remnawaveshop.core.subscription.Purchase;
import io.github.remnawaveshop.core.subscription.PurchaseRequest;
import io.github.remnawaveshop.core.subscription.Subscription;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.core.subscription.TrialNotAvailableException;
import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example of docs/embedding.md, compiled and run against real PostgreSQL, Redis and the panel
 * simulator.
 */
@ExtendWith(ShopServersExtension.class)
class EmbeddingDocExampleTest {

  // spotless:off (docs/embedding.md shows this code as it is written here)
  // --- docs/embedding.md example begins
  /** A hand-written gateway: the provider signs its JSON notifications with HMAC-SHA256 (hex). */
  static final class DemoPayGateway implements PaymentGateway {
    static final String SIGNATURE = "X-DemoPay-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] secret;

    DemoPayGateway(String secret) {
      this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
      return "demopay";
    }

    @Override
    public Set<String> supportedCurrencies() {
      return Set.of("USD");
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
      // a real gateway calls its provider here, sending request.idempotencyKey()
      return Checkout.builder().gatewayId(id()).orderReference(request.orderReference())
          .providerReference("dp_" + request.orderReference())
          .paymentUrl(URI.create("https://pay.example/checkout/" + request.orderReference())).build();
    }

    @Override
    public VerifiedNotification verify(Notification notification) {
      String given = notification.header(SIGNATURE).orElseThrow(
          () -> new PaymentVerificationException(Reason.MISSING_SIGNATURE, "no " + SIGNATURE + " header"));
      byte[] expected = sign(secret, notification.body());
      if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
        throw new PaymentVerificationException(Reason.BAD_SIGNATURE, "signature does not match");
      }
      JsonNode body;
      try {
        body = JSON.readTree(notification.body());
      } catch (java.io.IOException e) {
        throw new PaymentVerificationException(Reason.MALFORMED, "body is not JSON");
      }
      String type = body.path("type").asText();
      if (!type.equals("payment.succeeded")) {
        return VerifiedNotification.ignored(body.path("id").asText(), type); // answered 200, changes nothing
      }
      PaymentEvent event = PaymentEvent.builder()
          .gatewayId(id())
          .type(PaymentEvent.Type.PAID)
          .providerEventId(body.path("id").asText())          // the same on every redelivery
          .orderReference(body.path("order").asText())        // Order.reference(), given back
          .externalPaymentId(body.path("payment").asText())   // the provider's payment id
          .amount(Money.of(body.path("amount").asLong(), body.path("currency").asText()))
          .occurredAt(Instant.ofEpochSecond(body.path("created").asLong()))
          .build();
      return VerifiedNotification.of(event, type);
    }

    /** Hex HMAC-SHA256 of the body: what the provider puts in the header. */
    static byte[] sign(byte[] secret, byte[] body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Everything a bot shares between its handlers; built once at startup. */
  record Shop(ShopLifecycle lifecycle, SubscriptionEngine engine, RateLimiter limiter, FsmStorage fsm,
      CacheLayer cache, ShopStore store) {}

  static Shop wire(String jdbcUrl, String redisUri, String redisPrefix, String panelUrl, String panelToken,
      String webhookSecret) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(jdbcUrl);
    pool.setMaximumPoolSize(10);
    HikariDataSource dataSource = new HikariDataSource(pool);
    ShopStore store = ShopStore.builder().dataSource(dataSource).schema("public").build();
    store.migrate();                                         // Flyway; safe on every start

    RedisClient redis = RedisClient.create(redisUri);
    RateLimiter limiter = RateLimiter.builder().limit(20, Duration.ofMinutes(1))
        .redis(redis).keyPrefix(redisPrefix + "ratelimit:").build();
    FsmStorage fsm = FsmStorage.builder().redis(redis).keyPrefix(redisPrefix + "fsm").build();
    CacheLayer cache = CacheLayer.builder().region(Catalog.REGION)
        .redis(redis).keyPrefix(redisPrefix + "cache").build();

    RemnawavePanel panel = RemnawavePanel.builder().baseUrl(panelUrl).apiToken(Secret.of(panelToken)).build();
    SubscriptionEngine engine = SubscriptionEngine.builder()
        .store(store)
        .panel(panel)
        .gateways(PaymentGateways.builder().add(new DemoPayGateway(webhookSecret)).build())
        .cache(cache)                                        // the catalog is read through Catalog.REGION
        .build();

    ShopLifecycle lifecycle = ShopLifecycle.builder()
        .component(engine)                                   // start(): outbox worker and jobs on its own thread
        .resource("postgres pool", dataSource)               // resources close after components, in reverse
        .resource("redis", redis::shutdown)
        .resource("panel", panel)
        .resource("cache", cache)
        .resource("fsm", fsm)
        .resource("rate limiter", limiter)
        .build();
    lifecycle.start();
    return new Shop(lifecycle, engine, limiter, fsm, cache, store);
  }

  /** Trial, then a purchase with a promo code; returns the order to pay. */
  static Order trialThenPurchase(Shop shop, long telegramId) {
    SubscriptionEngine engine = shop.engine();
    if (!shop.limiter().tryAcquire(telegramId).allowed()) {
      throw new IllegalStateException("slow down");
    }
    engine.registerUser(telegramId, Optional.of("alice"), "en", Optional.empty()); // on /start
    engine.startTrial(telegramId);                           // TrialNotAvailableException the second time
    shop.fsm().setState(StorageKey.of(1, telegramId, telegramId), "Checkout:choosePlan");

    Purchase purchase = engine.purchase(PurchaseRequest.of(telegramId, "month", "USD")
        .withPromoCode("SPRING25")                           // PromoCodeRejectedException if it cannot be used
        .withIdempotencyKey("msg-" + telegramId + "-1"));     // a second tap returns the same order
    shop.fsm().clear(StorageKey.of(1, telegramId, telegramId));
    // show purchase.checkout().paymentUrl() to the buyer; the days come when the payment event arrives
    return purchase.order();
  }

  /** The webhook endpoint: POST /webhooks/payments/{gatewayId}; reply with the status and body given. */
  static WebhookReply onWebhook(Shop shop, String gatewayId, Map<String, List<String>> headers, byte[] body) {
    return shop.engine().webhooks().handle(gatewayId, headers, body);
  }

  /** At shutdown (or on SIGTERM with lifecycle.installSignalHandlers()). */
  static void shutdown(Shop shop) {
    shop.lifecycle().shutdown();                             // stops the engine, then closes the resources
  }
  // --- docs/embedding.md example ends
  // spotless:on

  @Test
  void thePageShowsExactlyThisCode() throws Exception {
    java.nio.file.Path here =
        java.nio.file.Path.of(
            "src/test/java/io/github/remnawaveshop/core/docs/" + "EmbeddingDocExampleTest.java");
    String source = java.nio.file.Files.readString(here);
    String begins = "  // --- docs/embedding.md example begins\n";
    String code =
        source.substring(
            source.indexOf(begins) + begins.length(),
            source.indexOf("  // --- docs/embedding.md example ends"));
    String dedented =
        code.lines()
            .map(l -> l.startsWith("  ") ? l.substring(2) : l)
            .collect(java.util.stream.Collectors.joining("\n"));
    String page = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/embedding.md"));
    assertThat(page).as("docs/embedding.md shows the code of this test").contains(dedented);
  }

  @Test
  void theDocumentedJourneyRuns(TestDatabase db, RedisServer redis, RedisKeyPrefix prefix)
      throws Exception {
    RemnawavePanelSimulator simulator =
        RemnawavePanelSimulator.builder().apiToken("panel-token").build();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(simulator);
      server.start();
      Shop shop =
          wire(
              db.jdbcUrl(),
              redis.uri(),
              prefix.value(),
              server.url("/").toString(),
              "panel-token",
              "whsec_demo");
      try {
        shop.store()
            .plans()
            .create(
                NewPlan.builder()
                    .code("month")
                    .title("Month")
                    .durationDays(30)
                    .price(Money.of(1000, "USD"))
                    .build());
        shop.store()
            .promoCodes()
            .create(NewPromoCode.builder().code("SPRING25").percentDiscount(25).build());
        long tg = 4242;
        Order order = trialThenPurchase(shop, tg);
        assertThat(order.amount()).isEqualTo(Money.of(750, "USD"));
        assertThatThrownBy(() -> shop.engine().startTrial(tg))
            .isInstanceOf(TrialNotAvailableException.class);
        Instant trialEnd = shop.engine().activeSubscription(tg).orElseThrow().endsAt();

        byte[] body =
            ("{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"order\":\""
                    + order.reference()
                    + "\",\"payment\":\"pay_1\",\"amount\":750,\"currency\":\"USD\",\"created\":1700000000}")
                .getBytes(StandardCharsets.UTF_8);
        String signature =
            new String(
                DemoPayGateway.sign("whsec_demo".getBytes(StandardCharsets.UTF_8), body),
                StandardCharsets.US_ASCII);
        Map<String, List<String>> headers = Map.of(DemoPayGateway.SIGNATURE, List.of(signature));
        assertThat(onWebhook(shop, "demopay", headers, body).status()).isEqualTo(200);
        assertThat(onWebhook(shop, "demopay", headers, body).status())
            .isEqualTo(200); // redelivery: no change
        assertThat(
                onWebhook(shop, "demopay", Map.of(DemoPayGateway.SIGNATURE, List.of("00")), body)
                    .status())
            .isEqualTo(401);

        Subscription paid = shop.engine().activeSubscription(tg).orElseThrow();
        assertThat(paid.endsAt()).isEqualTo(trialEnd.plus(Duration.ofDays(30)));
        while (shop.engine().runOutbox() > 0) {
          // the engine's own worker also runs every 2 s; running it by hand is safe (jobs are
          // leased)
        }
      } finally {
        shutdown(shop);
      }
      assertThat(simulator.user("tg_4242")).isPresent();
    }
  }
}
