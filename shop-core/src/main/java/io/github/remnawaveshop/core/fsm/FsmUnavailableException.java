package io.github.remnawaveshop.core.fsm;

import org.jspecify.annotations.Nullable;

/**
 * Redis could not be reached (or did not answer in time) and the policy is {@link
 * RedisOutagePolicy#FAIL}.
 */
public final class FsmUnavailableException extends FsmException {
  /**
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public FsmUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
