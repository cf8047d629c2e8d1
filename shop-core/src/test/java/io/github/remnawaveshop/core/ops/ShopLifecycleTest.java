package io.github.remnawaveshop.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShopLifecycleTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  private Managed component(String name, boolean failOnStart) {
    return new Managed() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() {
        if (failOnStart) {
          throw new IllegalStateException("boom");
        }
        events.add("start " + name);
      }

      @Override
      public void stop() {
        events.add("stop " + name);
      }
    };
  }

  @Test
  void startsInOrderStopsInReverseAndClosesResourcesLast() {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .component(component("store", false))
            .component(component("worker", false))
            .resource("pool", () -> events.add("close pool"))
            .resource("http", () -> events.add("close http"))
            .build();
    lifecycle.start();
    ShutdownReport report = lifecycle.shutdown();
    assertThat(events)
        .containsExactly(
            "start store", "start worker", "stop worker", "stop store", "close http", "close pool");
    assertThat(report.clean()).isTrue();
    assertThat(lifecycle.shutdown()).isSameAs(report);
    lifecycle.close();
    assertThat(events).hasSize(6);
  }

  @Test
  void failedStartStopsWhatStartedAndSaysWhich() {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .component(component("store", false))
            .component(component("panel", true))
            .component(component("never", false))
            .build();
    assertThatThrownBy(lifecycle::start).hasMessageContaining("panel").hasMessageContaining("boom");
    assertThat(events).containsExactly("start store", "stop store");
  }

  @Test
  void inFlightTasksFinishWithinTheDeadlineAndTheRestAreCancelledByName() throws Exception {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder().shutdownDeadline(Duration.ofSeconds(2)).taskThreads(4).build();
    lifecycle.start();
    CountDownLatch running = new CountDownLatch(4);
    AtomicInteger finished = new AtomicInteger();
    for (int i = 0; i < 2; i++) {
      lifecycle.submit(
          "quick-" + i,
          () -> {
            running.countDown();
            while (!lifecycle
                .isShuttingDown()) { // in flight when shutdown begins, however loaded the machine
              sleep(5);
            }
            sleep(50);
            finished.incrementAndGet();
          });
    }
    for (int i = 0; i < 2; i++) {
      lifecycle.submit(
          "stuck-" + i,
          () -> {
            running.countDown();
            sleep(60_000);
          });
    }
    lifecycle.submit("queued", () -> sleep(1)); // gets a thread once a quick one is done: completes
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    ShutdownReport report = lifecycle.shutdown();
    assertThat(finished).hasValue(2);
    assertThat(report.completedInFlight()).isEqualTo(3);
    assertThat(report.cancelled()).containsExactlyInAnyOrder("stuck-0", "stuck-1");
    assertThat(report.took()).isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(() -> lifecycle.submit("late", () -> {}))
        .isInstanceOf(ShutdownInProgressException.class)
        .hasMessageContaining("late");
  }

  @Test
  void tasksStillQueuedAtTheDeadlineAreCancelledToo() {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder().shutdownDeadline(Duration.ofMillis(200)).taskThreads(1).build();
    lifecycle.start();
    lifecycle.submit("stuck", () -> sleep(60_000));
    lifecycle.submit("waiting", () -> events.add("ran"));
    ShutdownReport report = lifecycle.shutdown();
    assertThat(report.cancelled()).containsExactlyInAnyOrder("stuck", "waiting");
    assertThat(events).doesNotContain("ran");
    assertThat(report.clean()).isFalse();
  }

  @Test
  void stopFailuresAreReportedAndDoNotStopTheOthers() {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .component(component("a", false))
            .resource(
                "broken",
                () -> {
                  throw new IllegalStateException("cannot close");
                })
            .resource("pool", () -> events.add("close pool"))
            .build();
    lifecycle.start();
    ShutdownReport report = lifecycle.shutdown();
    assertThat(report.stopFailures())
        .singleElement()
        .asString()
        .contains("broken")
        .contains("cannot close");
    assertThat(events).contains("close pool");
  }

  @Test
  void validatesSettings() {
    assertThatThrownBy(() -> ShopLifecycle.builder().shutdownDeadline(Duration.ofSeconds(-1)))
        .hasMessageContaining("shutdownDeadline");
    assertThatThrownBy(() -> ShopLifecycle.builder().taskThreads(0))
        .hasMessageContaining("taskThreads");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
