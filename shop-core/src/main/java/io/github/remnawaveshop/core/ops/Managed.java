package io.github.remnawaveshop.core.ops;

/**
 * A component with a start and a stop, registered with {@link ShopLifecycle}. Started in
 * registration order, stopped in reverse; {@link #stop()} must be safe to call once after a
 * successful {@link #start()}.
 */
public interface Managed {

  /** A name for logs. */
  String name();

  /** Starts the component (open pools, begin polling, schedule jobs). */
  void start() throws Exception;

  /** Stops taking new work and releases what {@link #start()} took. */
  void stop() throws Exception;

  /**
   * A component whose start does nothing and whose stop closes a resource (HTTP client, Redis,
   * pool).
   */
  static Managed closing(String name, AutoCloseable resource) {
    return new Managed() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() {}

      @Override
      public void stop() throws Exception {
        resource.close();
      }
    };
  }
}
