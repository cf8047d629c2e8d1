package io.github.remnawaveshop.core.subscription;

/**
 * Referral rewards, given once, on the referred user's first paid purchase. Immutable; {@link
 * #builder()} starts from the {@linkplain #defaults() defaults}:
 *
 * <pre>{@code
 * ReferralSettings referrals = ReferralSettings.builder().referrerDays(7).refereeDays(3).build();
 * }</pre>
 */
public final class ReferralSettings {
  private final int referrerDays;
  private final int refereeDays;

  private ReferralSettings(Builder b) {
    this.referrerDays = b.referrerDays;
    this.refereeDays = b.refereeDays;
  }

  /** A builder starting from the defaults: 7 days to the referrer, 3 to the referee. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: 7 days to the referrer, 3 to the referee. */
  public static ReferralSettings defaults() {
    return builder().build();
  }

  /** No referral rewards. */
  public static ReferralSettings none() {
    return builder().referrerDays(0).refereeDays(0).build();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder().referrerDays(referrerDays).refereeDays(refereeDays);
  }

  /** Days added to the referrer's subscription, 0 for none. */
  public int referrerDays() {
    return referrerDays;
  }

  /** Extra days added to the referred buyer's first purchase, 0 for none. */
  public int refereeDays() {
    return refereeDays;
  }

  /** Whether any reward is given. */
  public boolean enabled() {
    return referrerDays > 0 || refereeDays > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReferralSettings r
        && referrerDays == r.referrerDays
        && refereeDays == r.refereeDays;
  }

  @Override
  public int hashCode() {
    return 31 * referrerDays + refereeDays;
  }

  @Override
  public String toString() {
    return "ReferralSettings[referrerDays=" + referrerDays + ", refereeDays=" + refereeDays + "]";
  }

  /** Builds {@link ReferralSettings}; {@link #build()} names a bad value. */
  public static final class Builder {
    private int referrerDays = 7;
    private int refereeDays = 3;

    private Builder() {}

    /** Days added to the referrer's subscription, 0 to 3660 (default 7). */
    public Builder referrerDays(int value) {
      this.referrerDays = value;
      return this;
    }

    /** Extra days added to the referred buyer's first purchase, 0 to 3660 (default 3). */
    public Builder refereeDays(int value) {
      this.refereeDays = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public ReferralSettings build() {
      if (referrerDays < 0 || referrerDays > 3660) {
        throw new IllegalArgumentException(
            "referrerDays must be between 0 and 3660; was " + referrerDays);
      }
      if (refereeDays < 0 || refereeDays > 3660) {
        throw new IllegalArgumentException(
            "refereeDays must be between 0 and 3660; was " + refereeDays);
      }
      return new ReferralSettings(this);
    }
  }
}
