package io.github.remnawaveshop.core.fsm;

/** Root of the FSM storage's unchecked exceptions. */
public class FsmException extends RuntimeException {
  /**
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public FsmException(String message, Throwable cause) {
    super(message, cause);
  }
}
