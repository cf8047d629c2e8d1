package io.github.remnawaveshop.core.subscription;

/**
 * Referral rewards, given once, on the referred user's first paid purchase.
 *
 * @param referrerDays days added to the referrer's subscription, 0 for none
 * @param refereeDays extra days added to the referred buyer's first purchase, 0 for none
 */
public record ReferralSettings(int referrerDays, int refereeDays) {

  /** Validates. */
  public ReferralSettings {
    if (referrerDays < 0 || referrerDays > 3660) {
      throw new IllegalArgumentException("referrerDays must be between 0 and 3660; was " + referrerDays);
    }
    if (refereeDays < 0 || refereeDays > 3660) {
      throw new IllegalArgumentException("refereeDays must be between 0 and 3660; was " + refereeDays);
    }
  }

  /** The defaults: 7 days to the referrer, 3 to the referee. */
  public static ReferralSettings defaults() {
    return new ReferralSettings(7, 3);
  }

  /** No referral rewards. */
  public static ReferralSettings none() {
    return new ReferralSettings(0, 0);
  }

  /** Whether any reward is given. */
  public boolean enabled() {
    return referrerDays > 0 || refereeDays > 0;
  }
}
