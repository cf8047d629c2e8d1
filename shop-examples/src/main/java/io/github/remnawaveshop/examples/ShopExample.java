package io.github.remnawaveshop.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.remnawaveshop.core.ops.HealthCheck;
import io.github.remnawaveshop.core.ops.HealthMonitor;
import io.github.remnawaveshop.core.ops.ShopLifecycle;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.store.MigrationResult;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.Plan;
import io.github.remnawaveshop.core.store.ShopStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The example shop on embedded defaults: with no {@code SHOP_DATABASE_URL} it starts an embedded
 * PostgreSQL, migrates the store, seeds a small catalog, checks health, shuts down gracefully, then
 * runs the {@link PurchaseWalkthrough} (trial, purchase with a promo code, duplicate webhook, one
 * panel user).
 *
 * <pre>
 * mvn -B -q -DskipTests -pl shop-examples -am package exec:java \
 *     -Dexec.mainClass=io.github.remnawaveshop.examples.ShopExample
 * </pre>
 *
 * (The README's first command runs the whole shop bot instead: {@code
 * examples.shopbot.ShopBotMain}.)
 *
 * <p>Set {@code SHOP_DATABASE_URL} (a JDBC URL with credentials) to use a real server instead.
 */
public final class ShopExample {
  private ShopExample() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    String url = System.getenv("SHOP_DATABASE_URL");
    EmbeddedPostgres embedded = null;
    if (url == null || url.isBlank()) {
      out.println("[1] No SHOP_DATABASE_URL: starting an embedded PostgreSQL");
      embedded = EmbeddedPostgres.builder().start();
      url = embedded.getJdbcUrl("postgres", "postgres");
    } else {
      out.println("[1] Using the PostgreSQL from SHOP_DATABASE_URL");
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(url);
    pool.setMaximumPoolSize(4);
    pool.setPoolName("shop");
    HikariDataSource dataSource = new HikariDataSource(pool);
    EmbeddedPostgres toStop = embedded;
    try (HealthMonitor health =
            HealthMonitor.builder().check(HealthCheck.postgres(dataSource)).build();
        ShopLifecycle lifecycle =
            ShopLifecycle.builder()
                .resource(
                    "embedded postgres",
                    () -> {
                      if (toStop != null) {
                        toStop.close();
                      }
                    })
                .resource("postgres pool", dataSource)
                .build()) {
      lifecycle.start();
      ShopStore store = ShopStore.builder().dataSource(dataSource).build();
      MigrationResult migration = store.migrate();
      out.printf(
          "[2] Store migrated: schema %s, version %s, applied now %s%n",
          migration.schema(), migration.currentVersion(), migration.applied());
      seedCatalog(store, out);
      out.println("[4] Health: " + health.check().toJson());
      out.println("[5] Shutting down: " + lifecycle.shutdown());
    }
    out.println(
        "[6] Purchase walkthrough: trial, a plan bought with a promo code, the webhook delivered twice");
    PurchaseWalkthrough.main(args);
  }

  private static void seedCatalog(ShopStore store, PrintStream out) {
    if (store.plans().findByCode("month").isEmpty()) {
      store
          .plans()
          .create(
              NewPlan.builder()
                  .code("month")
                  .title("VPN, 30 days")
                  .durationDays(30)
                  .deviceLimit(3)
                  .price(Money.of(19900, "RUB"))
                  .price(Money.of(299, "USD"))
                  .price(Money.of(150, "XTR"))
                  .sortOrder(1)
                  .build());
      store
          .plans()
          .create(
              NewPlan.builder()
                  .code("quarter")
                  .title("VPN, 90 days")
                  .durationDays(90)
                  .deviceLimit(5)
                  .price(Money.of(49900, "RUB"))
                  .price(Money.of(799, "USD"))
                  .price(Money.of(400, "XTR"))
                  .sortOrder(2)
                  .build());
    }
    List<Plan> catalog = store.plans().listActive();
    out.println("[3] Catalog:");
    for (Plan p : catalog) {
      out.printf(
          "      %-8s %-14s %3d days  %s%n",
          p.code(), p.title(), p.durationDays(), p.prices().values());
    }
  }

  static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException ignored) {
      // exiting
    }
  }
}
