package io.github.remnawaveshop.benchmarks.telegram;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.benchmarks.panel.NoDelayServerSocketFactory;
import io.github.remnawaveshop.core.cache.CacheLayer;
import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.Catalog;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.shop.ShopBot;
import io.github.remnawaveshop.telegram.stars.StarsGateway;
import io.github.remnawaveshop.telegram.transport.LongPolling;
import io.github.remnawaveshop.telegram.transport.WebhookServer;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.SimulatedLimits;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mockwebserver3.MockWebServer;

/**
 * The whole shop as the example bot runs it, for {@link ShopLoadBenchmark}: a fresh PostgreSQL
 * database of its own (HikariCP, 10 connections), Redis FSM and Redis rate limiter (the shop's
 * default 20 per minute) under a throwaway key prefix, the Remnawave panel simulator, the engine
 * with Telegram Stars as the only gateway and its outbox worker running (every 500 ms), the Bot API
 * simulator enforcing Telegram's limits, a bot with {@link Throttle#telegramDefaults()}, and the
 * shop's dispatcher on long polling or on the webhook server the simulator posts to. Closing
 * removes the database and the keys.
 */
final class LoadShop implements AutoCloseable {
  static final long ADMIN = 1;

  final Clock clock = Clock.systemUTC();
  final TestDatabase db;
  final HikariDataSource pool;
  final ShopStore store;
  final MockWebServer panelServer = new MockWebServer();
  final RemnawavePanelSimulator panelSim =
      RemnawavePanelSimulator.builder().apiToken("panel-token").build();
  final RemnawavePanel panel;
  final CacheLayer cache = CacheLayer.builder().region(Catalog.REGION).build();
  final BotApiSimulator tg;
  final TelegramBot bot;
  final StarsGateway stars;
  final SubscriptionEngine engine;
  final ShopBot shop;
  final RedisClient redis;
  final String prefix;
  final FsmStorage fsm;
  final RateLimiter limiter;
  final ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor();
  final Managed component;
  final Dispatcher dispatcher;
  final String transport;
  final LongPolling polling;
  final WebhookServer webhook;

  /**
   * Sets the shop up and starts it.
   *
   * @param transport how updates reach the bot: {@code polling} (as the example bot without a
   *     public URL) or {@code webhook} (the simulator posts to the webhook server)
   */
  LoadShop(String transport) throws Exception {
    db = TestServers.postgres().createDatabase();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setMaximumPoolSize(10);
    pool = new HikariDataSource(config);
    store = ShopStore.builder().dataSource(pool).build();
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
    panelServer.setDispatcher(panelSim);
    // without TCP_NODELAY every panel call waits out the ~40 ms delayed-ACK stall (see the panel
    // benchmark)
    panelServer.setServerSocketFactory(new NoDelayServerSocketFactory());
    panelServer.start();
    panel =
        RemnawavePanel.builder()
            .baseUrl(panelServer.url("/").toString())
            .apiToken(Secret.of("panel-token"))
            .build();
    tg =
        BotApiSimulator.builder()
            .botUsername("vpn_shop_bot")
            .limits(SimulatedLimits.telegram())
            .clock(clock)
            .build();
    bot =
        TelegramBot.builder()
            .token(Secret.of(tg.token()))
            .baseUrl(tg.baseUrl())
            .throttle(Throttle.telegramDefaults())
            .build();
    stars = StarsGateway.builder().bot(bot).build();
    engine =
        SubscriptionEngine.builder()
            .store(store)
            .panel(panel)
            .cache(cache)
            .gateways(PaymentGateways.builder().add(stars).build())
            .notifier(ShopBot.notifier(bot, store).build())
            .intervals(Duration.ofMillis(500), Duration.ofMinutes(15), Duration.ofHours(6))
            .build();
    shop =
        ShopBot.builder()
            .engine(engine)
            .store(store)
            .panel(panel)
            .bot(bot)
            .admins(Set.of(ADMIN))
            .support("@vpn_support")
            .stars(stars)
            .build();
    RedisServer server = TestServers.redis();
    redis = RedisClient.create(server.uri());
    prefix = server.newKeyPrefix() + "load";
    fsm =
        FsmStorage.builder()
            .redis(redis)
            .keyPrefix(prefix + ":fsm")
            .redisTimeout(Duration.ofSeconds(10))
            .build();
    limiter =
        RateLimiter.builder()
            .redis(redis)
            .keyPrefix(prefix + ":rl:")
            .redisTimeout(Duration.ofSeconds(10))
            .build();
    engine.start(jobs);
    component = shop.component();
    component.start();
    dispatcher = shop.dispatcher(fsm, limiter).build();
    this.transport = transport;
    if (transport.equals("webhook")) {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      polling = null;
      webhook =
          WebhookServer.builder()
              .bot(bot)
              .dispatcher(dispatcher)
              .port(port)
              .bindAddress("127.0.0.1")
              .path("/telegram")
              .publicUrl("http://127.0.0.1:" + port + "/telegram")
              .maxConnections(40)
              .build();
      webhook.start();
    } else if (transport.equals("polling")) {
      webhook = null;
      polling =
          LongPolling.builder()
              .bot(bot)
              .dispatcher(dispatcher)
              .timeout(Duration.ofSeconds(10))
              .build();
      polling.start();
    } else {
      throw new IllegalArgumentException(
          "transport must be polling or webhook but was " + transport);
    }
  }

  @Override
  public void close() {
    // no checked exception from close(): try-with-resources users need not handle
    // InterruptedException
    try {
      if (polling != null) {
        polling.stop();
      } else {
        webhook.stop();
      }
      dispatcher.close();
      component.stop();
      engine.close();
      jobs.shutdownNow();
      bot.close();
      tg.close();
      panelServer.close();
      cache.close();
      fsm.close();
      limiter.close();
      try (StatefulRedisConnection<String, String> c = redis.connect()) {
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
          KeyScanCursor<String> page =
              c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1_000));
          if (!page.getKeys().isEmpty()) {
            c.sync().del(page.getKeys().toArray(String[]::new));
          }
          cursor = page;
        } while (!cursor.isFinished());
      }
      redis.shutdown();
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
