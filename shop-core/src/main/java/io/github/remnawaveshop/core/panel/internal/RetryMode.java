package io.github.remnawaveshop.core.panel.internal;

/** Whether a call may be sent twice. Not API. */
enum RetryMode {
  /** Repeating it has the same effect as sending it once: retried on all transient failures. */
  IDEMPOTENT,
  /** Must not run twice: retried only when the panel cannot have acted (429, connect failure). */
  UNSAFE
}
