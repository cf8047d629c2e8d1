package io.github.remnawaveshop.telegram.shop;

import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.NewPromoCode;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.Catalog;
import io.github.remnawaveshop.core.subscription.Notifier;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.core.subscription.TrialSettings;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.stars.StarsGateway;
import io.github.remnawaveshop.telegram.transport.LongPolling;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;

/**
 * A whole shop for conversation tests: a fresh database of its own, the panel simulator, the engine
 * with a test gateway, the Bot API simulator, the shop's dispatcher on long polling.
 */
final class ShopFixture implements AutoCloseable {
  static final long ADMIN = 1;
  final ShopStore store;
  final MockWebServer panelServer = new MockWebServer();
  final RemnawavePanelSimulator panelSim =
      RemnawavePanelSimulator.builder().apiToken("panel-token").build();
  final RemnawavePanel panel;
  final CacheLayer cache = CacheLayer.builder().region(Catalog.REGION).build();
  final SubscriptionEngine engine;
  final StarsGateway stars;
  final BotApiSimulator tg;
  final TelegramBot bot;
  final RateLimiter limiter;
  ShopBot shop;
  FsmStorage fsm;
  Dispatcher dispatcher;
  LongPolling polling;
  io.github.remnawaveshop.core.ops.Managed component;
  private final List<AutoCloseable> closing = new ArrayList<>();

  final TestDatabase db;
  final com.zaxxer.hikari.HikariDataSource pool;

  ShopFixture(
      FsmStorage fsm,
      RateLimiter limiter,
      Notifier notifier,
      UnaryOperator<ShopBot.Builder> shopOptions)
      throws Exception {
    this(fsm, limiter, notifier, shopOptions, Throttle.unlimited());
  }

  ShopFixture(
      FsmStorage fsm,
      RateLimiter limiter,
      Notifier notifier,
      UnaryOperator<ShopBot.Builder> shopOptions,
      Throttle throttle)
      throws Exception {
    this.fsm = fsm;
    this.limiter = limiter;
    this.db = TestServers.postgres().createDatabase();
    com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
    pool.setJdbcUrl(db.jdbcUrl());
    pool.setMaximumPoolSize(10);
    this.pool = new com.zaxxer.hikari.HikariDataSource(pool);
    store = ShopStore.builder().dataSource(this.pool).build();
    store.migrate();
    store
        .plans()
        .create(
            NewPlan.builder()
                .code("basic")
                .title("Basic")
                .durationDays(30)
                .deviceLimit(3)
                .price(Money.of(19900, "RUB"))
                .price(Money.of(499, "USD"))
                .price(Money.of(100, "XTR"))
                .build());
    store
        .plans()
        .create(
            NewPlan.builder()
                .code("pro")
                .title("Pro")
                .durationDays(90)
                .deviceLimit(5)
                .price(Money.of(49900, "RUB"))
                .price(Money.of(1299, "USD"))
                .build());
    store
        .promoCodes()
        .create(NewPromoCode.builder().code("WELCOME").bonusDays(7).maxActivations(100).build());
    store
        .promoCodes()
        .create(
            NewPromoCode.builder().code("SALE20").percentDiscount(20).maxActivations(100).build());
    panelServer.setDispatcher(panelSim);
    panelServer.start();
    panel =
        RemnawavePanel.builder()
            .baseUrl(panelServer.url("/").toString())
            .apiToken(Secret.of("panel-token"))
            .build();
    tg = BotApiSimulator.builder().botUsername("vpn_shop_bot").build();
    bot =
        TelegramBot.builder()
            .token(Secret.of(tg.token()))
            .baseUrl(tg.baseUrl())
            .throttle(throttle)
            .build();
    stars = StarsGateway.builder().bot(bot).build();
    engine =
        SubscriptionEngine.builder()
            .store(store)
            .panel(panel)
            .cache(cache)
            .gateways(PaymentGateways.builder().add(new TestPayGateway()).add(stars).build())
            .trial(TrialSettings.builder().days(3).build())
            .notifier(notifier != null ? notifier : ShopBot.notifier(bot, store).build())
            .build();
    shop =
        shopOptions
            .apply(
                ShopBot.builder()
                    .engine(engine)
                    .store(store)
                    .panel(panel)
                    .bot(bot)
                    .admins(Set.of(ADMIN))
                    .support("@vpn_support")
                    .stars(stars))
            .build();
    startBot();
  }

  /**
   * Starts (again) the dispatcher and long polling, e.g. after {@link #stopBot()} to play a
   * restart.
   */
  void startBot() throws Exception {
    component = shop.component();
    component.start();
    dispatcher = shop.dispatcher(fsm, limiter).build();
    polling =
        LongPolling.builder()
            .bot(bot)
            .dispatcher(dispatcher)
            .timeout(Duration.ofSeconds(1))
            .build();
    polling.start();
  }

  void stopBot() throws Exception {
    polling.stop();
    dispatcher.close();
    component.stop();
  }

  void closeLater(AutoCloseable c) {
    closing.add(c);
  }

  /**
   * A payment notification as the test provider would post it, signed independently of the gateway.
   */
  WebhookReply deliverPayment(String event, String order, long amount, String currency) {
    byte[] body =
        ("{\"event\":\""
                + event
                + "\",\"order\":\""
                + order
                + "\",\"payment\":\"pay_"
                + event
                + "\",\"amount\":"
                + amount
                + ",\"currency\":\""
                + currency
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    return engine
        .webhooks()
        .handle(
            TestPayGateway.ID,
            Map.of(TestPayGateway.HEADER, List.of(TestPayGateway.hmac(body))),
            body);
  }

  @Override
  public void close() {
    // no checked exception from close(): try-with-resources users need not handle
    // InterruptedException
    try {
      stopBot();
      engine.close();
      bot.close();
      tg.close();
      panel.toString();
      panelServer.close();
      cache.close();
      fsm.close();
      limiter.close();
      for (AutoCloseable c : closing) {
        c.close();
      }
      pool.close();
      db.close();

    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing failed", e);
    }
  }
}
