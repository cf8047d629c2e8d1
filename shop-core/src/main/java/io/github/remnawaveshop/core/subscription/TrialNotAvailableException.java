package io.github.remnawaveshop.core.subscription;

/** The user cannot take a trial: trials are off, the user had one, or already has access. */
public final class TrialNotAvailableException extends SubscriptionException {
  private static final long serialVersionUID = 1L;

  /** With the reason. */
  public TrialNotAvailableException(String message) {
    super(message);
  }
}
