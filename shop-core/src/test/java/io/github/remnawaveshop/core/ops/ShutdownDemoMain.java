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
    ShopLifecycle[] lifecycleRef = new ShopLifecycle[1];
    try (ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .shutdownDeadline(Duration.ofSeconds(5))
            .taskThreads(quick + stuck)
            .resource("pool", () -> System.out.println("CLOSED pool"))
            .build()) {
      lifecycleRef[0] = lifecycle;
      lifecycle.start();
      if (!lifecycle.installSignalHandlers()) {
        System.out.println("NO-SIGNALS");
      }
      for (int i = 0; i < quick; i++) {
        lifecycle.submit(
            "quick-" + i,
            () -> {
              running.countDown();
              try {
                // still running when the signal comes (whatever the machine's load), done soon
                // after it
                while (!lifecycleRef[0].isShuttingDown()) {
                  Thread.sleep(10);
                }
                Thread.sleep(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              finished.incrementAndGet();
            });
      }
      for (int i = 0; i < stuck; i++) {
        lifecycle.submit(
            "stuck-" + i,
            () -> {
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
