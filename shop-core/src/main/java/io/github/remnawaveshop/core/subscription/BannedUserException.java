package io.github.remnawaveshop.core.subscription;

/**
 * The user is banned ({@link SubscriptionEngine#setBanned}): the engine refuses everything that
 * would grant access (trial, purchase, promo code). Payments the user already made are still
 * credited.
 */
public final class BannedUserException extends SubscriptionException {
  private static final long serialVersionUID = 1L;

  /**
   * With the reason.
   *
   * @param message what was refused, naming the user
   */
  public BannedUserException(String message) {
    super(message);
  }
}
