package io.github.remnawaveshop.core.panel;

/**
 * Status of a panel user. Values the SDK does not know (a newer panel) map to {@link #UNKNOWN}
 * instead of failing.
 */
public enum UserStatus {
  /** The subscription works. */
  ACTIVE,
  /** Disabled by an operator or the shop. */
  DISABLED,
  /** The traffic limit is used up. */
  LIMITED,
  /** {@code expireAt} has passed. */
  EXPIRED,
  /** A value this SDK version does not know. */
  UNKNOWN;

  /**
   * Maps the panel's wire value; unknown or empty values give {@link #UNKNOWN}.
   *
   * @param value the wire value, e.g. {@code "ACTIVE"}
   * @return the status
   */
  public static UserStatus fromWire(String value) {
    return WireEnums.parse(UserStatus.class, value, UNKNOWN);
  }
}
