package io.github.remnawaveshop.core.ops;

/**
 * Child-JVM program for {@link SignalShutdownTest}: a SIGTERM while {@code start()} runs. Component
 * {@code slow} prints STARTING and returns only once shutdown has begun; {@code late} comes after
 * it and must never start. Each component prints when it stops, the resource when it closes.
 */
public final class StartupSignalDemoMain {
  private StartupSignalDemoMain() {}

  public static void main(String[] args) throws Exception {
    ShopLifecycle[] ref = new ShopLifecycle[1];
    try (ShopLifecycle lifecycle =
        ShopLifecycle.builder()
            .component(printing("store", null))
            .component(printing("slow", ref))
            .component(printing("late", null))
            .resource("pool", () -> System.out.println("CLOSED pool"))
            .build()) {
      ref[0] = lifecycle;
      if (!lifecycle.installSignalHandlers()) {
        System.out.println("NO-SIGNALS");
      }
      try {
        lifecycle.start();
        System.out.println("START RETURNED");
      } catch (IllegalStateException e) {
        System.out.println("START REFUSED " + e.getMessage());
      }
      lifecycle.awaitShutdown();
      System.out.println("STOP FAILURES " + lifecycle.shutdown().stopFailures().size());
    }
  }

  private static Managed printing(String name, ShopLifecycle[] waitForShutdownOf) {
    return new Managed() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() throws InterruptedException {
        if (waitForShutdownOf != null) {
          System.out.println("STARTING " + name);
          System.out.flush();
          while (!waitForShutdownOf[0]
              .isShuttingDown()) { // a start still running when the signal comes
            Thread.sleep(10);
          }
        }
        System.out.println("STARTED " + name);
      }

      @Override
      public void stop() {
        System.out.println("STOPPED " + name);
      }
    };
  }
}
