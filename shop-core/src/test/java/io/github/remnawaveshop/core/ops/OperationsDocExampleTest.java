package io.github.remnawaveshop.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.ops.backup.BackupManifest;
import io.github.remnawaveshop.core.ops.backup.BackupService;
import io.github.remnawaveshop.core.ops.backup.RestoreFailedException;
import io.github.remnawaveshop.core.ops.backup.RestoreResult;
import io.github.remnawaveshop.core.ops.backup.RestoreTarget;
import io.github.remnawaveshop.core.ops.backup.RetentionPolicy;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every java block of docs/operations.md, compiled here (the methods below are never run; their
 * parameters are the blocks' free variables), and the page shows exactly this code.
 */
class OperationsDocExampleTest {
  private static final Logger log = LoggerFactory.getLogger(OperationsDocExampleTest.class);

  /** Anything with a Prometheus scrape, as a {@code PrometheusMeterRegistry}. */
  interface Scraper {
    String scrape();
  }

  static void handle(Object update) {}

  static void lifecycle(
      SubscriptionEngine engine,
      OpsHttpServer opsHttpServer,
      RemnawavePanel panel,
      AutoCloseable hikari,
      RedisClient redisClient,
      Object update)
      throws Exception {
    // spotless:off (docs/operations.md shows these blocks as they are written here)
    // --- block begins
    try (ShopLifecycle lifecycle = ShopLifecycle.builder()
            .component(engine)                // SubscriptionEngine is Managed: outbox worker and jobs
            .component(opsHttpServer)
            .resource("panel", panel)          // RemnawavePanel is AutoCloseable
            .resource("postgres pool", hikari) // closed after the drain, in reverse order
            .resource("redis", redisClient::shutdown)
            .shutdownBudget(Duration.ofSeconds(20))   // the whole shutdown (default 20 s)
            .shutdownDeadline(Duration.ofSeconds(10)) // the drain of tracked tasks (default 10 s)
            .stopTimeout(Duration.ofSeconds(5))       // each component's stop, each resource's close (default 5 s)
            .build()) {
        lifecycle.start();                  // in order; a failed start stops what started
        lifecycle.installSignalHandlers();  // SIGINT / SIGTERM -> graceful shutdown, exit code 0
        lifecycle.submit("update 123", () -> handle(update)); // tracked in-flight work
        lifecycle.awaitShutdown();
    }
    // --- block ends
  }

  static HealthReport health(DataSource dataSource, StatefulRedisConnection<String, String> redisConnection,
      RemnawavePanel panel, Scraper prometheusRegistry) {
    // --- block begins
    HealthMonitor health = HealthMonitor.builder()
        .check(HealthCheck.postgres(dataSource))
        .check(HealthCheck.redis(redisConnection))
        .check(HealthCheck.of("panel", () -> panel.systemStats().toString()),
               Duration.ofMillis(800), Duration.ofSeconds(3))   // degraded after, unhealthy after
        .cacheFor(Duration.ofSeconds(5))
        .build();
    HealthReport report = health.check();   // HEALTHY / DEGRADED / UNHEALTHY per component and overall
    // --- block ends
    // --- block begins
    OpsHttpServer ops = OpsHttpServer.builder().port(9090)
        .health(health).metrics(prometheusRegistry::scrape).build();
    // --- block ends
    ops.toString();
    return report;
  }

  static BackupService backups(DataSource dataSource, RedisClient redisClient, Map<String, String> effectiveSettings) {
    // --- block begins
    BackupService backups = BackupService.builder()
        .directory(Path.of("/var/backups/shop"))
        .postgres(dataSource, "public")                  // every base table of the SDK's schema
        .redis(redisClient, List.of("fsm:", "rl:"))      // the SDK's key prefixes
        .config(() -> effectiveSettings)                 // secrets redacted by name and inside URLs
        .compression(6)
        .retention(new RetentionPolicy(7, 4, 3))         // the seed's defaults
        .build();
    BackupManifest m = backups.backup();                 // then rotates
    // --- block ends
    m.toString();
    return backups;
  }

  static void restore(BackupService backups, String id, DataSource newDataSource, RedisClient newRedisClient) {
    // --- block begins
    try {
        RestoreResult restored = backups.restore(id, RestoreTarget.of(newDataSource, newRedisClient));
        log.info("Restored {} keys and {}; not restored: {}", restored.keys(), restored.rowsByTable(),
            restored.notRestored());
    } catch (RestoreFailedException e) {
        if (!e.targetClean()) {    // e.postgres(): UNTOUCHED, ROLLED_BACK or COMMIT_UNKNOWN
            log.error("Delete these keys before a rerun: {}", e.keysLeft());
        }
        throw e;
    }
    // --- block ends
    // spotless:on
  }

  @Test
  void everyJavaBlockOfThePageIsCompiledHere() throws Exception {
    String source =
        Files.readString(
            Path.of(
                "src/test/java/io/github/remnawaveshop/core/ops/OperationsDocExampleTest.java"));
    List<String> compiled = new ArrayList<>();
    Matcher here =
        Pattern.compile("    // --- block begins\n(.*?)    // --- block ends\n", Pattern.DOTALL)
            .matcher(source);
    while (here.find()) {
      compiled.add(
          here.group(1)
              .lines()
              .map(l -> l.startsWith("    ") ? l.substring(4) : l)
              .reduce("", (a, b) -> a + b + "\n"));
    }
    String page = Files.readString(Path.of("../docs/operations.md"));
    List<String> shown = new ArrayList<>();
    Matcher blocks = Pattern.compile("```java\n(.*?)```\n", Pattern.DOTALL).matcher(page);
    while (blocks.find()) {
      shown.add(blocks.group(1));
    }
    assertThat(shown).as("the java blocks of docs/operations.md").isEqualTo(compiled);
  }
}
