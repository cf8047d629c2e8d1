package io.github.remnawaveshop.core.panel;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests inject one that records the
 * delays and advances a fake clock instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps the calling thread. */
  Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for the given time.
   *
   * @param duration how long, never negative
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
