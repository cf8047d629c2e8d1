package io.github.remnawaveshop.core.fsm;

import io.github.remnawaveshop.core.ShopException;
import org.jspecify.annotations.Nullable;

/** Root of the FSM storage's unchecked exceptions. */
public class FsmException extends ShopException {
  /**
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public FsmException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
