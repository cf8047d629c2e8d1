package io.github.remnawaveshop.core.ops;

import static io.github.remnawaveshop.core.ops.LifecycleComponents.blockingStart;
import static io.github.remnawaveshop.core.ops.LifecycleComponents.recording;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The edges of a lifecycle (issue 16, item 10): a shutdown that lands while {@code start()} runs,
 * producers that still hand over work while they stop, and stops that never return.
 */
class ShopLifecycleEdgesTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void shutdownDuringStartStopsTheComponentBeingStartedAndStartsNoMore() throws Exception {
    CountDownLatch starting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .component(recording("store", events))
            .component(blockingStart("pool", events, starting, release))
            .component(recording("poller", events))
            .resource("redis", () -> events.add("close redis"))
            .build();
    CompletableFuture<Void> start = CompletableFuture.runAsync(lifecycle::start);
    assertThat(starting.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<ShutdownReport> shutdown =
        CompletableFuture.supplyAsync(lifecycle::shutdown); // the SIGTERM
    awaitShuttingDown(lifecycle);
    release.countDown(); // the pool's start returns after shutdown began

    assertThatThrownBy(() -> start.get(20, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .rootCause()
        .hasMessageContaining("shutdown began while starting")
        .hasMessageContaining("poller");
    ShutdownReport report = shutdown.get(20, TimeUnit.SECONDS);
    assertThat(report.stopFailures()).isEmpty();
    assertThat(events)
        .containsExactly("start store", "start pool", "stop pool", "stop store", "close redis");
  }

  @Test
  void producersAreStoppedBeforeTheDrainSoWhatTheyFetchedIsStillHandled() throws Exception {
    ShopLifecycle[] ref = new ShopLifecycle[1];
    AtomicInteger handled = new AtomicInteger();
    AtomicReference<Throwable> refused = new AtomicReference<>();
    CountDownLatch fetched = new CountDownLatch(1);
    CountDownLatch stopRequested = new CountDownLatch(1);
    // a poller: it has fetched a batch of 5 updates and hands them over as it stops (as LongPolling
    // does)
    Managed poller =
        new Managed() {
          private Thread thread;

          @Override
          public String name() {
            return "poller";
          }

          @Override
          public void start() {
            thread =
                new Thread(
                    () -> {
                      fetched.countDown();
                      try {
                        stopRequested.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      for (int i = 0; i < 5; i++) {
                        try {
                          ref[0].submit(
                              "update-" + i,
                              () -> {
                                handled.incrementAndGet();
                              });
                        } catch (RuntimeException e) {
                          refused.compareAndSet(null, e);
                        }
                      }
                    },
                    "test-poller");
            thread.start();
          }

          @Override
          public void stop() throws InterruptedException {
            stopRequested.countDown();
            thread.join();
          }
        };
    ShopLifecycle lifecycle = ShopLifecycle.builder().component(poller).build();
    ref[0] = lifecycle;
    lifecycle.start();
    assertThat(fetched.await(10, TimeUnit.SECONDS)).isTrue();

    ShutdownReport report = lifecycle.shutdown();

    assertThat(refused.get()).as("an update refused while the poller stopped").isNull();
    assertThat(handled).hasValue(5);
    assertThat(report.completedInFlight())
        .isBetween(0, 5); // those still queued or running when the drain began
    assertThat(report.clean()).isTrue();
  }

  @Test
  void aStopThatNeverReturnsIsAbandonedAtItsDeadlineAndTheRestStillStop() {
    CountDownLatch never = new CountDownLatch(1);
    ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .component(recording("store", events))
            .component(
                new Managed() {
                  @Override
                  public String name() {
                    return "stuck-poller";
                  }

                  @Override
                  public void start() {}

                  @Override
                  public void stop() {
                    while (never.getCount()
                        > 0) { // ignores interrupts, like a blocking socket read
                      try {
                        never.await();
                      } catch (InterruptedException ignored) {
                        // keep waiting
                      }
                    }
                  }
                })
            .resource("hanging-client", never::await)
            .resource("pool", () -> events.add("close pool"))
            .build(); // defaults: each stop may take 5 s
    lifecycle.start();
    try {
      ShutdownReport report =
          assertTimeoutPreemptively(Duration.ofSeconds(25), lifecycle::shutdown);
      assertThat(report.stopFailures()).hasSize(2);
      assertThat(report.stopFailures().get(0))
          .contains("stuck-poller")
          .contains("did not stop within 5000 ms");
      assertThat(report.stopFailures().get(1))
          .contains("hanging-client")
          .contains("did not close within 5000 ms");
      assertThat(events).containsExactly("start store", "stop store", "close pool");
      assertThat(report.took()).isLessThan(Duration.ofSeconds(22)); // within the default budget
    } finally {
      never.countDown();
    }
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

  private static void awaitShuttingDown(ShopLifecycle lifecycle) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!lifecycle.isShuttingDown()) {
      assertThat(System.nanoTime()).as("shutdown began").isLessThan(until);
      Thread.onSpinWait();
    }
  }
}
