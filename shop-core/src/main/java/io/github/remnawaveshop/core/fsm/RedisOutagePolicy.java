package io.github.remnawaveshop.core.fsm;

/** What a Redis-backed {@link FsmStorage} does when Redis cannot be reached. */
public enum RedisOutagePolicy {
  /** Throw {@link FsmUnavailableException}: the caller decides (the safe default). */
  FAIL,
  /**
   * Serve the operation from a process-local in-memory storage, log a WARN saying state is no
   * longer shared between instances, and count it in {@link FsmStats#fallbackOperations()}. What is
   * written to memory during the outage is not copied to Redis afterwards.
   */
  FALLBACK_TO_MEMORY
}
