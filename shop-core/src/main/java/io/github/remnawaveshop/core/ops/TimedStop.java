package io.github.remnawaveshop.core.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component's stop (or one resource's close) within a time limit: run on a daemon thread of its
 * own, awaited at most the limit, then interrupted and left behind. Not API; logs as {@link
 * ShopLifecycle}.
 */
final class TimedStop {
  private static final Logger log = LoggerFactory.getLogger(ShopLifecycle.class);

  private TimedStop() {}

  /**
   * Runs {@code m.stop()} and waits for it at most {@code max}; with nothing left ({@code max}
   * zero) the stop is begun, not awaited. Failures and timeouts are added to {@code failures},
   * named.
   *
   * @param verb {@code stop} or {@code close}, for the messages
   */
  static void stopWithin(Managed m, Duration max, List<String> failures, String verb) {
    log.info("Stopping {}", m.name());
    FutureTask<Void> stop =
        new FutureTask<>(
            () -> {
              m.stop();
              return null;
            });
    Thread t = new Thread(stop, "shop-stop-" + m.name());
    t.setDaemon(true);
    t.start();
    if (max.isZero()) {
      failures.add(m.name() + ": " + verb + " begun but not awaited; the shutdown budget is spent");
      log.error("Shutdown budget spent: {} of {} begun, not awaited", verb, m.name());
      return;
    }
    try {
      stop.get(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      t.interrupt();
      failures.add(
          m.name()
              + ": did not "
              + verb
              + " within "
              + max.toMillis()
              + " ms; interrupted and left behind");
      log.error(
          "{} did not {} within {} ms; interrupted it and went on", m.name(), verb, max.toMillis());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      failures.add(m.name() + ": " + cause);
      log.error("Stopping {} failed", m.name(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      t.interrupt();
      failures.add(m.name() + ": shutdown interrupted while waiting for its " + verb);
    }
  }
}
