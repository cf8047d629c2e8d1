package io.github.remnawaveshop.examples.shopbot;

import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.ops.HealthCheck;
import io.github.remnawaveshop.core.ops.HealthMonitor;
import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.core.ops.ShopLifecycle;
import io.github.remnawaveshop.core.ops.ShopMetrics;
import io.github.remnawaveshop.core.ops.ShutdownReport;
import io.github.remnawaveshop.core.ops.backup.BackupService;
import io.github.remnawaveshop.core.panel.PanelWebhooks;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.shop.ShopBot;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example shop bot, wired from a {@link ShopConfig}: every part configured is real, every other
 * one an embedded default (see {@link StartupReport}), all on one HTTP port. {@link #start} builds
 * and starts everything through a {@link ShopLifecycle}; {@link #close()} (or SIGTERM, once {@link
 * ShopBotMain} has installed the signal handlers) shuts it down gracefully: the Telegram transport
 * first, then the engine's jobs and the HTTP front, then the resources in reverse order of opening.
 *
 * <p>One instance per process in production; tests may start several on free ports. Thread-safe.
 */
public final class ShopBotApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ShopBotApp.class);

  private final ShopLifecycle lifecycle;
  private final StartupReport report;
  private final HttpFront front;
  private final SubscriptionEngine engine;
  private final ShopStore store;
  private final Optional<BotApiSimulator> simulator;
  private final Optional<RemnawavePanelSimulator> panelSimulator;

  private ShopBotApp(
      ShopLifecycle lifecycle,
      StartupReport report,
      HttpFront front,
      SubscriptionEngine engine,
      ShopStore store,
      Optional<BotApiSimulator> simulator,
      Optional<RemnawavePanelSimulator> panelSimulator) {
    this.lifecycle = lifecycle;
    this.report = report;
    this.front = front;
    this.engine = engine;
    this.store = store;
    this.simulator = simulator;
    this.panelSimulator = panelSimulator;
  }

  /**
   * Builds and starts the shop.
   *
   * @throws ConfigException when a value turns out unusable (a taken port, a gateway refusing its
   *     settings)
   */
  public static ShopBotApp start(ShopConfig config) {
    Resources resources = new Resources();
    StartupReport report = new StartupReport();
    HttpFront front = HttpFront.bind(config.httpHost(), config.httpPort());
    try {
      return wire(config, resources, report, front);
    } catch (RuntimeException e) {
      front.abandon();
      resources.closeAll();
      throw e;
    }
  }

  private static ShopBotApp wire(
      ShopConfig config, Resources resources, StartupReport report, HttpFront front) {
    HikariDataSource db = DatabaseWiring.open(config, resources, report);
    ShopStore store = ShopStore.builder().dataSource(db).build();
    DatabaseWiring.migrate(store, config);
    PanelWiring panel = PanelWiring.open(config, resources, report);
    TelegramWiring telegram = TelegramWiring.open(config, resources, report);
    Primitives primitives = Primitives.open(config, telegram.admins(), resources, report);
    PaymentsWiring payments =
        resources.add(
            "payment gateways", PaymentsWiring.open(config, telegram.bot(), store, front, report));
    CatalogSeed.seed(store);

    SubscriptionEngine engine =
        resources.add(
            "subscription engine",
            SubscriptionEngine.builder()
                .store(store)
                .panel(panel.client())
                .gateways(payments.gateways())
                .cache(primitives.cache())
                .notifier(ShopBot.notifier(telegram.bot(), store).build())
                .build());
    HealthMonitor.Builder checks = HealthMonitor.builder().check(HealthCheck.postgres(db));
    primitives.redisHealth().ifPresent(checks::check);
    HealthMonitor health =
        resources.add(
            "health monitor", checks.check(panel.health()).check(telegram.health()).build());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    resources.add("metrics registry", registry::close);
    ShopMetrics metrics = ShopMetrics.builder().registry(registry).build();
    metrics.bindRateLimiter("users", primitives.limiter());
    metrics.bindCache(primitives.cache());
    java.nio.file.Path backupDir = config.dataDir().resolve("backups");
    BackupService backups =
        BackupService.builder().directory(backupDir).postgres(db, store.schema()).build();

    ShopBot.Builder shopBuilder =
        ShopBot.builder()
            .engine(engine)
            .store(store)
            .panel(panel.client())
            .bot(telegram.bot())
            .admins(telegram.admins())
            .shopName(config.shopName())
            .health(health)
            .backups(backups, backupDir);
    config.support().ifPresent(shopBuilder::support);
    config.termsUrl().ifPresent(shopBuilder::termsUrl);
    payments.stars().ifPresent(shopBuilder::stars);
    ShopBot shop = shopBuilder.build();
    Dispatcher dispatcher =
        resources.add(
            "dispatcher", shop.dispatcher(primitives.fsm(), primitives.limiter()).build());
    Managed transport = Transport.open(config, telegram.bot(), dispatcher, front, report);

    front
        .mount(PaymentWebhookEndpoint.PREFIX, new PaymentWebhookEndpoint(engine.webhooks()))
        .mount(
            PanelWebhookEndpoint.PATH,
            new PanelWebhookEndpoint(
                config.panelWebhookSecret().map(s -> PanelWebhooks.builder().secret(s).build()),
                engine))
        .mount("/health", OpsEndpoints.health(health))
        .mount("/metrics", OpsEndpoints.metrics(registry::scrape));
    payments.desk().ifPresent(desk -> front.mount("/demopay/", desk));
    front.mount(
        "/",
        telegram
            .sandbox()
            .<com.sun.net.httpserver.HttpHandler>map(s -> s.handler())
            .orElseGet(() -> Landing.page(config.shopName())));

    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "shop-jobs");
              t.setDaemon(true);
              return t;
            });
    resources.add("job scheduler", scheduler::shutdownNow);
    ShopLifecycle.Builder lifecycle = ShopLifecycle.builder();
    for (Map.Entry<String, AutoCloseable> r : resources.all()) {
      lifecycle.resource(r.getKey(), r.getValue());
    }
    lifecycle
        .component(front)
        .component(new EngineJobs(engine, scheduler))
        .component(shop.component())
        .component(transport);
    ShopLifecycle built = lifecycle.build();
    built.start();
    ShopBotApp app =
        new ShopBotApp(
            built, report, front, engine, store, telegram.simulator(), panel.simulator());
    app.logStartup(telegram.sandbox().isPresent());
    return app;
  }

  private void logStartup(boolean sandbox) {
    StringBuilder b = new StringBuilder("Shop bot started; parts:");
    for (StartupReport.Part p : report.parts()) {
      b.append("\n  ").append(p);
    }
    log.info("{}", b);
    if (sandbox) {
      log.info(
          "Open the chat sandbox: {}/  (health: {}/health, metrics: {}/metrics)",
          url(),
          url(),
          url());
    } else {
      log.info("HTTP front at {} (health: {}/health, metrics: {}/metrics)", url(), url(), url());
    }
  }

  /**
   * The front's address on this machine, e.g. {@code http://127.0.0.1:8080} (the sandbox is at
   * {@code /}).
   */
  public String url() {
    return front.localUrl();
  }

  /** The bound HTTP port. */
  public int port() {
    return front.port();
  }

  /** Which parts are real and which embedded. */
  public StartupReport parts() {
    return report;
  }

  /** The engine (tests, tools). */
  public SubscriptionEngine engine() {
    return engine;
  }

  /** The store (tests, tools). */
  public ShopStore store() {
    return store;
  }

  /** The Bot API simulator, in sandbox mode. */
  public Optional<BotApiSimulator> botSimulator() {
    return simulator;
  }

  /** The panel simulator, when no panel is configured. */
  public Optional<RemnawavePanelSimulator> panelSimulator() {
    return panelSimulator;
  }

  /** The lifecycle (for signal handlers and waiting). */
  public ShopLifecycle lifecycle() {
    return lifecycle;
  }

  /** Shuts down gracefully, once. */
  public ShutdownReport shutdown() {
    return lifecycle.shutdown();
  }

  @Override
  public void close() {
    shutdown();
  }
}
