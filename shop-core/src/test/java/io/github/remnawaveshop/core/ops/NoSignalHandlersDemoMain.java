package io.github.remnawaveshop.core.ops;

/**
 * Child-JVM program for {@link ShopLifecycleResourcesTest}: starts a lifecycle without calling
 * {@code installSignalHandlers()}, prints READY and waits; a SIGTERM then meets the JVM's own
 * handler.
 */
public final class NoSignalHandlersDemoMain {
  private NoSignalHandlersDemoMain() {}

  public static void main(String[] args) throws Exception {
    ShopLifecycle lifecycle =
        ShopLifecycle.builder().resource("pool", () -> System.out.println("CLOSED pool")).build();
    lifecycle.start();
    System.out.println("READY");
    System.out.flush();
    lifecycle.awaitShutdown();
    Thread.sleep(60_000); // the JVM's signal exit ends the process; main never returns on its own
  }
}
