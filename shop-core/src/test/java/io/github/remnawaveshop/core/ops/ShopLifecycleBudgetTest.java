package io.github.remnawaveshop.core.ops;

import static io.github.remnawaveshop.core.ops.LifecycleComponents.blockingStart;
import static io.github.remnawaveshop.core.ops.LifecycleComponents.recording;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every stop has a deadline inside one shutdown budget, configurable and validated (issue 16, item
 * 10), and the defaults fit the common grace periods.
 */
class ShopLifecycleBudgetTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void aStartThatOutlivesShutdownIsStoppedByTheStartingThread() throws Exception {
    CountDownLatch starting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .stopTimeout(Duration.ofMillis(100))
            .component(recording("store", events))
            .component(blockingStart("pool", events, starting, release))
            .component(recording("poller", events))
            .build();
    CompletableFuture<Void> start = CompletableFuture.runAsync(lifecycle::start);
    assertThat(starting.await(10, TimeUnit.SECONDS)).isTrue();
    ShutdownReport report =
        lifecycle.shutdown(); // waits 100 ms for the pool's start, then goes on without it
    assertThat(events).containsExactly("start store", "stop store");
    release.countDown();

    assertThatThrownBy(() -> start.get(20, TimeUnit.SECONDS))
        .rootCause()
        .hasMessageContaining("shutdown began while starting");
    assertThat(events).containsExactly("start store", "stop store", "start pool", "stop pool");
    assertThat(report.stopFailures())
        .singleElement()
        .asString()
        .contains("pool")
        .contains("still starting");
  }

  @Test
  void theBudgetBoundsTheWholeShutdownWhateverHangs() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .shutdownBudget(Duration.ofMillis(1500))
            .shutdownDeadline(Duration.ofMillis(1000))
            .stopTimeout(Duration.ofMillis(400))
            .component(hanging("stuck-a", never))
            .component(hanging("stuck-b", never))
            .resource("http", never::await)
            .resource("pool", () -> events.add("close pool"))
            .taskThreads(1)
            .build();
    lifecycle.start();
    CountDownLatch running = new CountDownLatch(1);
    lifecycle.submit(
        "stuck-task",
        () -> {
          running.countDown();
          sleepUninterruptibly(never);
        });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      ShutdownReport report = lifecycle.shutdown();
      // 400 + 400 ms for the components, the 700 ms left for the drain, nothing for the resources
      // (closed unawaited)
      assertThat(report.took()).isLessThan(Duration.ofMillis(1500 + 1000));
      assertThat(report.cancelled()).containsExactly("stuck-task");
      assertThat(report.stopFailures())
          .anyMatch(f -> f.contains("stuck-b") && f.contains("400 ms"))
          .anyMatch(f -> f.contains("stuck-a") && f.contains("400 ms"))
          .anyMatch(f -> f.contains("http") && f.contains("shutdown budget"))
          .anyMatch(f -> f.contains("pool") && f.contains("shutdown budget"));
      // past the budget a close is still begun, only not awaited: a quick one still happens
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("close pool"));
    } finally {
      never.countDown();
    }
  }

  @Test
  void defaultsFitInsideTheCommonGracePeriodsWithMargin() {
    ShopLifecycle lifecycle = ShopLifecycle.builder().build();
    // Kubernetes sends SIGKILL 30 s after SIGTERM (preStop hooks included): leave it 10 s of margin
    assertThat(lifecycle.shutdownBudget()).isLessThanOrEqualTo(Duration.ofSeconds(20));
    assertThat(lifecycle.shutdownDeadline()).isLessThan(lifecycle.shutdownBudget());
    assertThat(lifecycle.stopTimeout()).isLessThan(lifecycle.shutdownBudget());
  }

  @Test
  void validatesTheBudgetNamingTheBadValue() {
    assertThatThrownBy(() -> ShopLifecycle.builder().shutdownBudget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shutdownBudget")
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> ShopLifecycle.builder().stopTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("stopTimeout")
        .hasMessageContaining("PT-1S");
    assertThatThrownBy(
            () -> ShopLifecycle.builder().shutdownDeadline(Duration.ofSeconds(30)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shutdownDeadline (PT30S)")
        .hasMessageContaining("shutdownBudget (PT20S)");
    assertThatThrownBy(
            () ->
                ShopLifecycle.builder()
                    .shutdownBudget(Duration.ofSeconds(8))
                    .shutdownDeadline(Duration.ofSeconds(4))
                    .stopTimeout(Duration.ofSeconds(9))
                    .build())
        .hasMessageContaining("stopTimeout (PT9S)")
        .hasMessageContaining("shutdownBudget (PT8S)");
    ShopLifecycle docker =
        ShopLifecycle.builder()
            .shutdownBudget(Duration.ofSeconds(8))
            .shutdownDeadline(Duration.ofSeconds(4))
            .stopTimeout(Duration.ofSeconds(2))
            .build();
    assertThat(docker.shutdownBudget()).isEqualTo(Duration.ofSeconds(8));
  }

  private static Managed hanging(String name, CountDownLatch never) {
    return new Managed() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() {}

      @Override
      public void stop() {
        sleepUninterruptibly(never);
      }
    };
  }

  private static void sleepUninterruptibly(CountDownLatch latch) {
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException ignored) {
        // a task or stop that ignores interrupts
      }
    }
  }
}
