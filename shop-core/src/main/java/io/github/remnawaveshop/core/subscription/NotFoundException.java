package io.github.remnawaveshop.core.subscription;

/**
 * A user, plan or order the call names does not exist (or the plan is not sold in that currency).
 */
public final class NotFoundException extends SubscriptionException {
  private static final long serialVersionUID = 1L;

  /** With a message naming what was not found. */
  public NotFoundException(String message) {
    super(message);
  }
}
