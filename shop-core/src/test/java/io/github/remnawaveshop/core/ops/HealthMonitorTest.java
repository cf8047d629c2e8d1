package io.github.remnawaveshop.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.remnawaveshop.testkit.MutableClock;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ShopServersExtension.class)
class HealthMonitorTest {

  @Test
  void realPostgresAndRedisAreHealthy(TestDatabase db, RedisServer redis) {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> conn = client.connect();
        // generous thresholds: this test is about real servers answering, not about a loaded CI
        // machine's latency
        HealthMonitor monitor =
            HealthMonitor.builder()
                .degradedAfter(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(20))
                .check(HealthCheck.postgres(db.dataSource()))
                .check(HealthCheck.redis(conn))
                .build()) {
      HealthReport report = monitor.check();
      assertThat(report.status()).as(report.toJson()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(report.components())
          .extracting(ComponentHealth::name)
          .containsExactly("postgres", "redis");
      assertThat(report.components().get(0).detail()).isNotBlank();
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aRedisCheckFromTheClientConnectsPerProbeAndFailsWhenNothingAnswers(RedisServer redis)
      throws Exception {
    RedisClient client = RedisClient.create(redis.uri());
    // a port with nothing listening: the probe's connect is refused
    int free;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      free = socket.getLocalPort();
    }
    RedisClient nowhere = RedisClient.create("redis://127.0.0.1:" + free);
    try (HealthMonitor up =
            HealthMonitor.builder()
                .degradedAfter(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(20))
                .check(HealthCheck.redis(client))
                .build();
        HealthMonitor down =
            HealthMonitor.builder()
                .degradedAfter(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(20))
                .check(HealthCheck.redis(nowhere))
                .build()) {
      assertThat(up.check().status()).isEqualTo(HealthStatus.HEALTHY);
      HealthReport report = down.check();
      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.components().get(0).detail()).contains("RedisConnectionException");
    } finally {
      client.shutdown();
      nowhere.shutdown();
    }
  }

  @Test
  void hangingCheckCannotHangTheMonitorAndSlowOneIsDegraded() {
    try (HealthMonitor monitor =
        HealthMonitor.builder()
            .check(
                HealthCheck.of(
                    "hanging",
                    () -> {
                      Thread.sleep(60_000);
                      return "";
                    }),
                Duration.ofMillis(50),
                Duration.ofMillis(300))
            .check(
                HealthCheck.of(
                    "slow",
                    () -> {
                      Thread.sleep(120);
                      return "ok";
                    }),
                Duration.ofMillis(20),
                Duration.ofSeconds(2))
            .check(
                HealthCheck.of(
                    "broken",
                    () -> {
                      throw new IllegalStateException("connection refused");
                    }))
            .check(HealthCheck.of("fine", () -> "v1"))
            .build()) {
      long t0 = System.nanoTime();
      HealthReport report = monitor.check();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.components())
          .extracting(ComponentHealth::status)
          .containsExactly(
              HealthStatus.UNHEALTHY,
              HealthStatus.DEGRADED,
              HealthStatus.UNHEALTHY,
              HealthStatus.HEALTHY);
      assertThat(report.components().get(0).detail()).contains("no answer within 300 ms");
      assertThat(report.components().get(2).detail()).contains("connection refused");
      assertThat(report.toJson())
          .startsWith("{\"status\":\"UNHEALTHY\"")
          .contains("\"name\":\"hanging\"");
    }
  }

  @Test
  void reportsAreCachedForTheConfiguredPeriod() {
    AtomicInteger probes = new AtomicInteger();
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (HealthMonitor monitor =
        HealthMonitor.builder()
            .clock(clock)
            .cacheFor(Duration.ofSeconds(5))
            .check(HealthCheck.of("counted", () -> String.valueOf(probes.incrementAndGet())))
            .build()) {
      monitor.check();
      monitor.check();
      assertThat(probes).hasValue(1);
      clock.advance(Duration.ofSeconds(6));
      monitor.check();
      assertThat(probes).hasValue(2);
    }
  }

  /**
   * Issue 16: a custom probe that ignores the interrupt at its timeout must not cost a new thread
   * per check.
   */
  @Test
  void aProbeThatIgnoresInterruptsIsNotStartedAgainWhileItRuns() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    HealthCheck stubborn =
        HealthCheck.of(
            "stubborn",
            () -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                while (release.getCount() > 0) {
                  try {
                    release.await();
                  } catch (InterruptedException ignored) {
                    // a client library that swallows interrupts
                  }
                }
                return "back";
              } finally {
                running.decrementAndGet();
              }
            });
    try (HealthMonitor monitor =
        HealthMonitor.builder()
            .cacheFor(Duration.ZERO)
            .check(stubborn, Duration.ofMillis(20), Duration.ofMillis(50))
            .check(HealthCheck.of("fine", () -> "v1"))
            .build()) {
      HealthReport first = monitor.check();
      assertThat(first.components().get(0).detail()).contains("no answer within 50 ms");
      for (int i = 0; i < 20; i++) {
        HealthReport report = monitor.check();
        assertThat(report.components().get(0).status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.components().get(1).status()).isEqualTo(HealthStatus.HEALTHY);
      }
      assertThat(mostAtOnce).as("probes of 'stubborn' running at once").hasValue(1);
      assertThat(monitor.check().components().get(0).detail())
          .contains("previous probe still running");
      release.countDown();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> monitor.check().components().get(0).status() == HealthStatus.HEALTHY);
    } finally {
      release.countDown();
    }
  }

  /**
   * Issue 16: the monitor's lock is not held while probes run; a concurrent caller shares the
   * running check.
   */
  @Test
  void aConcurrentCallerSharesTheRunningCheckInsteadOfQueueingOnTheLock() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger probes = new AtomicInteger();
    try (HealthMonitor monitor =
        HealthMonitor.builder()
            .cacheFor(Duration.ZERO)
            .check(
                HealthCheck.of(
                    "gated",
                    () -> {
                      probes.incrementAndGet();
                      entered.countDown();
                      release.await();
                      return "";
                    }),
                Duration.ofSeconds(10),
                Duration.ofSeconds(20))
            .build()) {
      CompletableFuture<HealthReport> first = CompletableFuture.supplyAsync(monitor::check);
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      AtomicReference<HealthReport> second = new AtomicReference<>();
      Thread caller = new Thread(() -> second.set(monitor.check()), "second-caller");
      caller.start();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Set.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING)
          .contains(caller.getState())) {
        assertThat(System.nanoTime()).as("second caller waits").isLessThan(until);
        Thread.onSpinWait();
      }
      assertThat(caller.getState())
          .as("second caller is not blocked on the monitor's lock")
          .isNotEqualTo(Thread.State.BLOCKED);
      release.countDown();
      caller.join(10_000);
      assertThat(second.get()).isSameAs(first.get(10, TimeUnit.SECONDS));
      assertThat(probes).hasValue(1);
    } finally {
      release.countDown();
    }
  }

  /**
   * Issue 13: the pool's queue is bounded, so a probe it cannot take is refused; after {@code
   * close()} that used to escape {@code check()} as a raw RejectedExecutionException. A health
   * endpoint still answering during shutdown now gets an UNHEALTHY report naming the reason, and no
   * probe runs.
   */
  @Test
  void aCheckAfterCloseReportsUnhealthyInsteadOfThrowing() {
    AtomicInteger probes = new AtomicInteger();
    HealthMonitor monitor =
        HealthMonitor.builder()
            .cacheFor(Duration.ZERO)
            .check(HealthCheck.of("counted", () -> String.valueOf(probes.incrementAndGet())))
            .check(HealthCheck.of("fine", () -> "v1"))
            .build();
    assertThat(monitor.check().status()).isEqualTo(HealthStatus.HEALTHY);
    monitor.close();
    HealthReport report = monitor.check();
    assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(report.components())
        .extracting(ComponentHealth::name)
        .containsExactly("counted", "fine");
    assertThat(report.components())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(HealthStatus.UNHEALTHY);
              assertThat(c.detail()).contains("the health monitor is closed");
            });
    assertThat(probes).hasValue(1);
    monitor.close(); // idempotent
  }

  @Test
  void validatesThresholds() {
    assertThatThrownBy(
            () ->
                HealthMonitor.builder()
                    .check(
                        HealthCheck.of("x", () -> ""), Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("degradedAfter")
        .hasMessageContaining("'x'");
    assertThatThrownBy(
            () ->
                HealthMonitor.builder()
                    .check(HealthCheck.of("x", () -> ""))
                    .check(HealthCheck.of("x", () -> "")))
        .hasMessageContaining("already added");
  }
}
