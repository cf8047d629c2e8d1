package io.github.remnawaveshop.core.panel;

/**
 * When the panel resets a user's used traffic. Values the SDK does not know map to {@link
 * #UNKNOWN}.
 */
public enum TrafficLimitStrategy {
  /** Never reset. */
  NO_RESET,
  /** Reset daily. */
  DAY,
  /** Reset weekly. */
  WEEK,
  /** Reset on the first day of each month. */
  MONTH,
  /** Reset monthly, counted from the user's creation day. */
  MONTH_ROLLING,
  /** A value this SDK version does not know; never sent to the panel. */
  UNKNOWN;

  /**
   * Maps the panel's wire value; unknown or empty values give {@link #UNKNOWN}.
   *
   * @param value the wire value, e.g. {@code "MONTH"}
   * @return the strategy
   */
  public static TrafficLimitStrategy fromWire(String value) {
    return WireEnums.parse(TrafficLimitStrategy.class, value, UNKNOWN);
  }
}
