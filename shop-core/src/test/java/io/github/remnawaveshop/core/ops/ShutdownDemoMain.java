package io.github.remnawaveshop.core.ops;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child-JVM program for {@link SignalShutdownTest}: runs {@code quick} tasks that finish within the
 * deadline and {@code stuck} ones that cannot, prints READY, and waits for a signal.
 */
public final class ShutdownDemoMain {
  private ShutdownDemoMain() {}

  public static void main(String[] args) throws Exception {
    int quick = Integer.parseInt(args[0]);
    int stuck = Integer.parseInt(args[1]);
    AtomicInteger finished = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(quick + stuck);
    try (ShopLifecycle lifecycle = ShopLifecycle.builder()
        .shutdownDeadline(Duration.ofSeconds(3)).taskThreads(quick + stuck)
        .resource("pool", () -> System.out.println("CLOSED pool"))
        .build()) {
      lifecycle.start();
      if (!lifecycle.installSignalHandlers()) {
        System.out.println("NO-SIGNALS");
      }
      for (int i = 0; i < quick; i++) {
        lifecycle.submit("quick-" + i, () -> {
          running.countDown();
          try {
            Thread.sleep(1500); // still running when the signal comes, done before the deadline
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          finished.incrementAndGet();
        });
      }
      for (int i = 0; i < stuck; i++) {
        lifecycle.submit("stuck-" + i, () -> {
          running.countDown();
          try {
            Thread.sleep(600_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      running.await();
      System.out.println("READY");
      System.out.flush();
      lifecycle.awaitShutdown();
      ShutdownReport report = lifecycle.shutdown();
      System.out.println("FINISHED " + finished.get());
      System.out.println("COMPLETED " + report.completedInFlight());
      System.out.println("CANCELLED " + report.cancelled().size());
    }
  }
}
