package io.github.remnawaveshop.core.ops;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Components for the lifecycle tests that write what happens to them into a shared event list. */
final class LifecycleComponents {
  private LifecycleComponents() {}

  /** A component that records {@code start <name>} and {@code stop <name>}. */
  static Managed recording(String name, List<String> events) {
    return blockingStart(name, events, new CountDownLatch(0), new CountDownLatch(0));
  }

  /**
   * A component whose start blocks until released, like a pool that waits for its first connection:
   * it counts {@code starting} down, waits for {@code release}, then records its start.
   */
  static Managed blockingStart(
      String name, List<String> events, CountDownLatch starting, CountDownLatch release) {
    return new Managed() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() throws InterruptedException {
        starting.countDown();
        release.await();
        events.add("start " + name);
      }

      @Override
      public void stop() {
        events.add("stop " + name);
      }
    };
  }
}
