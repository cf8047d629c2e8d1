package io.github.remnawaveshop.core.store;

/** Where a broadcast stands. */
public enum BroadcastStatus {
  /** Sending, or interrupted by a restart and to be resumed. */
  RUNNING,
  /** Every recipient has an outcome. */
  DONE,
  /** Stopped by an admin. */
  CANCELLED
}
