package io.github.remnawaveshop.core.store;

/** Life cycle of an outbox message. */
public enum OutboxStatus {
  /** Waiting to be (re)tried. */
  PENDING,
  /** Handled. */
  DONE,
  /** Given up on; kept for an operator to look at. */
  DEAD
}
