package io.github.remnawaveshop.core.store;

/** When the panel resets a user's used traffic; the values are the Remnawave panel's own. */
public enum TrafficResetStrategy {
  /** Never. */
  NO_RESET,
  /** Every day. */
  DAY,
  /** Every week. */
  WEEK,
  /** On the first day of every calendar month. */
  MONTH,
  /** Every month counted from the user's creation. */
  MONTH_ROLLING
}
