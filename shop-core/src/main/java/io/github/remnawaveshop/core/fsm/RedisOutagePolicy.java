package io.github.remnawaveshop.core.fsm;

/** What a Redis-backed {@link FsmStorage} does when Redis cannot be reached. */
public enum RedisOutagePolicy {
  /** Throw {@link FsmUnavailableException}: the caller decides (the safe default). */
  FAIL,
  /**
   * Serve the operation from a process-local in-memory storage, log a WARN saying state is no
   * longer shared between instances, and count it in {@link FsmStats#fallbackOperations()}. The
   * first unavailable operation opens an outage window: until Redis answers a {@code PING} (asked
   * at most once a second) every operation uses that window's memory, so state and data stay on one
   * side. When the window closes its memory is dropped: what was written during the outage is not
   * copied to Redis and never served in a later outage. The memory is bounded by {@link
   * FsmStorage.Builder#fallbackTtl} and {@link FsmStorage.Builder#fallbackMaximumSize}. No
   * connection, no reply within the command timeout, and the replies {@code LOADING}, {@code
   * READONLY} and {@code MASTERDOWN} count as unavailable.
   */
  FALLBACK_TO_MEMORY
}
