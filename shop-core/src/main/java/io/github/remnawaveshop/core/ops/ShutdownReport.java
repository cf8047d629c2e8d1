package io.github.remnawaveshop.core.ops;

import java.time.Duration;
import java.util.List;

/**
 * What a shutdown did.
 *
 * @param completedInFlight tracked tasks that were running or queued when shutdown began and finished before the deadline
 * @param cancelled names of tracked tasks cancelled at the deadline
 * @param stopFailures components whose stop failed, with the error
 * @param took how long the shutdown took
 */
public record ShutdownReport(int completedInFlight, List<String> cancelled, List<String> stopFailures, Duration took) {
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
