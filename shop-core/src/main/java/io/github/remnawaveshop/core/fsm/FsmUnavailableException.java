package io.github.remnawaveshop.core.fsm;

/** Redis could not be reached (or did not answer in time) and the policy is {@link RedisOutagePolicy#FAIL}. */
public final class FsmUnavailableException extends FsmException {
  /**
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public FsmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
