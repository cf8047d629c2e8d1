package io.github.remnawaveshop.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.NewPromoCode;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.Catalog;
import io.github.remnawaveshop.core.subscription.Purchase;
import io.github.remnawaveshop.core.subscription.PurchaseRequest;
import io.github.remnawaveshop.core.subscription.Quote;
import io.github.remnawaveshop.core.subscription.Subscription;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.core.subscription.TrialSettings;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mockwebserver3.MockWebServer;

/**
 * A purchase from end to end on embedded defaults: PostgreSQL (the {@code SHOP_TEST_POSTGRES_URL}
 * server or an embedded one), an in-memory cache, the Remnawave panel simulator on a MockWebServer
 * and a demo payment gateway. A user takes a trial, buys a plan with a promo code, the payment
 * webhook arrives twice, and the panel gets the user once.
 *
 * <pre>
 * mvn -B -q -pl shop-examples -am package -DskipTests exec:java \
 *     -Dexec.mainClass=io.github.remnawaveshop.examples.PurchaseWalkthrough
 * </pre>
 */
public final class PurchaseWalkthrough {
  private PurchaseWalkthrough() {}

  /** Runs the walkthrough and prints each step. */
  public static void main(String[] args) throws Exception {
    Secret webhookSecret = Secret.of("demo-webhook-secret");
    try (TestDatabase db = TestServers.postgres().createDatabase();
        HikariDataSource pool = pool(db);
        MockWebServer panelServer = new MockWebServer()) {
      // 1. the store: schema migrations, a plan and a promo code
      ShopStore store = ShopStore.builder().dataSource(pool).build();
      store.migrate();
      store
          .plans()
          .create(
              NewPlan.builder()
                  .code("month")
                  .title("VPN, 1 month")
                  .durationDays(30)
                  .deviceLimit(3)
                  .price(io.github.remnawaveshop.core.payment.Money.of(29900, "RUB"))
                  .build());
      store
          .promoCodes()
          .create(NewPromoCode.builder().code("WELCOME").bonusDays(7).maxActivations(100).build());
      step("store migrated; plan 'month' at 299.00 RUB and promo code WELCOME (+7 days) created");

      // 2. the panel (a simulator serving the Remnawave 3.x API over real HTTP)
      RemnawavePanelSimulator simulator =
          RemnawavePanelSimulator.builder().apiToken("demo-token").build();
      panelServer.setDispatcher(simulator);
      panelServer.start();
      RemnawavePanel panel =
          RemnawavePanel.builder()
              .baseUrl(panelServer.url("/").toString())
              .apiToken(Secret.of("demo-token"))
              .build();

      // 3. the engine
      CacheLayer cache = CacheLayer.builder().region(Catalog.REGION).build();
      SubscriptionEngine engine =
          SubscriptionEngine.builder()
              .dataSource(pool)
              .panel(panel)
              .cache(cache)
              .gateways(PaymentGateways.builder().add(new DemoGateway(webhookSecret)).build())
              .trial(TrialSettings.builder().days(3).build())
              .notifier(
                  notice ->
                      System.out.println(
                          "   -> notify user "
                              + notice.telegramId()
                              + ": "
                              + notice.kind()
                              + ", access until "
                              + notice.endsAt()))
              .build();
      step(
          "engine built; catalog: "
              + engine.catalog().stream().map(p -> p.code() + " " + p.prices().values()).toList());

      long telegramId = 424242;
      engine.registerUser(telegramId, Optional.of("alice"), "ru", Optional.empty());
      step("user " + telegramId + " registered");

      Subscription trial = engine.startTrial(telegramId);
      engine.runOutbox();
      step(
          "trial started until "
              + trial.endsAt()
              + "; panel users created so far: "
              + simulator.usersCreated());

      Quote quote = engine.quote(telegramId, "month", "RUB", Optional.of("welcome"));
      step("quote with WELCOME: " + quote.price() + " for " + quote.days() + " days");
      Purchase purchase =
          engine.purchase(PurchaseRequest.of(telegramId, "month", "RUB").withPromoCode("WELCOME"));
      step(
          "order "
              + purchase.order().reference()
              + " via '"
              + purchase.checkout().gatewayId()
              + "': pay at "
              + purchase.checkout().paymentUrl().orElseThrow());

      byte[] body =
          ("{\"event\":\"evt_1001\",\"order\":\""
                  + purchase.order().reference()
                  + "\",\"payment\":\"pay_1001\",\"amount\":29900,\"currency\":\"RUB\"}")
              .getBytes(StandardCharsets.UTF_8);
      for (int delivery = 1; delivery <= 2; delivery++) {
        WebhookReply reply =
            engine.webhooks().handle("demo-pay", DemoGateway.headersFor(webhookSecret, body), body);
        step(
            "payment webhook delivery #"
                + delivery
                + " answered "
                + reply.status()
                + " "
                + reply.body()
                + "; access until "
                + engine.activeSubscription(telegramId).orElseThrow().endsAt());
      }

      int jobs = engine.runOutbox();
      step(
          "outbox worker ran "
              + jobs
              + " job(s); panel users created in total: "
              + simulator.usersCreated()
              + "; panel expireAt: "
              + simulator.user("tg_" + telegramId).orElseThrow().get("expireAt").asText());
      step(
          "second worker run does nothing: "
              + engine.runOutbox()
              + " job(s); panel users created: "
              + simulator.usersCreated());
      engine.close();
      cache.close();
    }
  }

  private static HikariDataSource pool(TestDatabase db) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private static final java.util.concurrent.atomic.AtomicInteger STEP =
      new java.util.concurrent.atomic.AtomicInteger();

  private static void step(String text) {
    System.out.println(STEP.incrementAndGet() + ". " + text);
  }
}
