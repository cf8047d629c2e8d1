package io.github.remnawaveshop.core.ops;

import java.time.Duration;
import java.util.List;

/**
 * What a shutdown did.
 *
 * @param completedInFlight tracked tasks that were running or queued when the drain began (after
 *     the components stopped) and finished before the drain deadline
 * @param cancelled names of tracked tasks cancelled at the drain deadline
 * @param stopFailures components and resources whose stop failed, did not return within its
 *     timeout, or was begun but not awaited because the shutdown budget was spent, each with its
 *     name and what happened
 * @param took how long the shutdown took
 */
public record ShutdownReport(
    int completedInFlight, List<String> cancelled, List<String> stopFailures, Duration took) {
  /** Copies the lists. */
  public ShutdownReport {
    cancelled = List.copyOf(cancelled);
    stopFailures = List.copyOf(stopFailures);
  }

  /** Whether everything finished and every component stopped cleanly. */
  public boolean clean() {
    return cancelled.isEmpty() && stopFailures.isEmpty();
  }
}
