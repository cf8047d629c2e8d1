package io.github.remnawaveshop.core.subscription;

/** The database could not be reached or answered with an error; nothing was changed. Retry later. */
public final class EngineUnavailableException extends SubscriptionException {
  private static final long serialVersionUID = 1L;

  /** With a message and the cause. */
  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
