package io.github.remnawaveshop.telegram.api;

/**
 * Which queue of the throttle a call waits in. Interactive calls (answers to a user's own action)
 * always go before bulk calls (broadcasts, reminders), so a running broadcast never makes the shop
 * feel frozen.
 */
public enum Lane {
  /** Replies to what a user just did; the default. */
  INTERACTIVE,
  /** Broadcasts, reminders and other notices nobody is waiting for. */
  BULK
}
