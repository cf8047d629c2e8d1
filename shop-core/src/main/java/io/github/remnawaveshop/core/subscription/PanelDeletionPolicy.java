package io.github.remnawaveshop.core.subscription;

/**
 * What the engine does when the panel reports that a user with paid time was deleted on the panel
 * side.
 */
public enum PanelDeletionPolicy {
  /**
   * Create the account again with the paid time: the shop database is the truth for paid time
   * (default).
   */
  REPROVISION,
  /**
   * Leave it deleted and log a warning for an operator (for shops whose admins delete users on
   * purpose).
   */
  FLAG
}
