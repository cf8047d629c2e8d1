package io.github.remnawaveshop.core.fsm;

import io.github.remnawaveshop.core.ShopException;

/** Root of the FSM storage's unchecked exceptions. */
public class FsmException extends ShopException {
  /**
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public FsmException(String message, Throwable cause) {
    super(message, cause);
  }
}
