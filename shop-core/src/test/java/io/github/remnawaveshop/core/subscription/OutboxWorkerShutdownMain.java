package io.github.remnawaveshop.core.subscription;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.ops.ShopLifecycle;
import io.github.remnawaveshop.core.panel.PanelRetryPolicy;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import java.time.Duration;
import mockwebserver3.MockWebServer;

/**
 * Child-JVM program for {@link OutboxShutdownTest}: runs two outbox workers against a panel that
 * answers only after a minute, prints READY once both are mid-call, and shuts down on SIGTERM with
 * a 1 s deadline.
 */
public final class OutboxWorkerShutdownMain {
  private OutboxWorkerShutdownMain() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setMaximumPoolSize(4);
    HikariDataSource pool = new HikariDataSource(config);
    RemnawavePanelSimulator simulator =
        RemnawavePanelSimulator.builder().apiToken("test-token").build();
    simulator.delayNext(".*", 10_000, Duration.ofSeconds(60));
    MockWebServer server = new MockWebServer();
    server.setDispatcher(simulator);
    server.start();
    RemnawavePanel panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("test-token"))
            .retryPolicy(PanelRetryPolicy.none())
            .readTimeout(Duration.ofSeconds(120))
            .build();
    SubscriptionEngine engine =
        SubscriptionEngine.builder()
            .dataSource(pool)
            .panel(panel)
            .gateways(
                PaymentGateways.builder()
                    .add(new HmacTestGateway("testpay", EngineFixture.SECRET))
                    .build())
            .referrals(ReferralSettings.none())
            .build();
    try (ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .shutdownDeadline(Duration.ofSeconds(1))
            .taskThreads(2)
            .resource("panel server", server)
            .resource("postgres pool", pool)
            .build()) {
      lifecycle.start();
      lifecycle.installSignalHandlers();
      lifecycle.submit("outbox-worker-1", engine::runOutbox);
      lifecycle.submit("outbox-worker-2", engine::runOutbox);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (simulator.requestCount(".*") < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      System.out.println("READY " + simulator.requestCount(".*"));
      System.out.flush();
      lifecycle.awaitShutdown();
      System.out.println("CANCELLED " + lifecycle.shutdown().cancelled().size());
    }
  }
}
