package io.github.remnawaveshop.telegram.api.types;

/** What an {@link Update} carries. */
public enum UpdateKind {
  /** A new message (other than a payment service message). */
  MESSAGE,
  /** A message with {@code successful_payment}. */
  SUCCESSFUL_PAYMENT,
  /** An edited message. */
  EDITED_MESSAGE,
  /** A channel post. */
  CHANNEL_POST,
  /** A press of an inline button. */
  CALLBACK_QUERY,
  /** The step before a payment. */
  PRE_CHECKOUT_QUERY,
  /** The bot's own membership changed (blocked, unblocked, added to a group). */
  MY_CHAT_MEMBER,
  /** Another member's status changed. */
  CHAT_MEMBER,
  /** Something this version does not model. */
  UNKNOWN
}
