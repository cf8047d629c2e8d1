package io.github.remnawaveshop.core.store;

/** One recipient's state in a broadcast. */
public enum DeliveryState {
  /** Not sent yet. */
  PENDING,
  /** Handed to Telegram; a restart does not send it again. */
  SENDING,
  /** Telegram accepted it. */
  SENT,
  /** The user blocked the bot. */
  BLOCKED,
  /** Any other failure (or interrupted while sending). */
  FAILED
}
