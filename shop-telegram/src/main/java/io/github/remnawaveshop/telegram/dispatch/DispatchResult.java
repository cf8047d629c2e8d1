package io.github.remnawaveshop.telegram.dispatch;

/** What became of one update. */
public enum DispatchResult {
  /** A route handled it. */
  HANDLED,
  /** No route matched (it was still answered if it was a button press). */
  UNHANDLED,
  /** A handler or middleware failed; logged once with the update id. */
  FAILED,
  /** Its {@code update_id} was seen before (a redelivery); skipped. */
  DUPLICATE,
  /** The JSON could not be read as an update; logged once and skipped. */
  MALFORMED,
  /** A middleware stopped it on purpose (rate limit, maintenance). */
  STOPPED
}
