package io.github.remnawaveshop.core.fsm;

import org.jspecify.annotations.Nullable;

/** Data could not be converted to or from JSON, or a stored value is not what was asked for. */
public final class FsmDataException extends FsmException {
  /**
   * @param message what went wrong, naming the field
   * @param cause the underlying failure, or {@code null}
   */
  public FsmDataException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
