package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A promo code to create with {@link PromoCodeRepository#create}. Build with {@link #builder()}.
 *
 * @param code 1 to 64 of {@code A-Z a-z 0-9 _ -}; unique ignoring case
 * @param kind what it gives
 * @param value days (1 to 36600) or percent (1 to 100)
 * @param maxActivations total activations allowed, empty for unlimited
 * @param perUserLimit activations per user, at least 1
 * @param validUntil the end of validity
 * @param active whether it can be activated
 */
public record NewPromoCode(
    String code,
    PromoKind kind,
    int value,
    Optional<Integer> maxActivations,
    int perUserLimit,
    Optional<Instant> validUntil,
    boolean active) {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Validates the fields. */
  public NewPromoCode {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(maxActivations, "maxActivations");
    Objects.requireNonNull(validUntil, "validUntil");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "code must be 1 to 64 of A-Z a-z 0-9 _ - but was '" + code + "'");
    }
    int max = kind == PromoKind.PERCENT_DISCOUNT ? 100 : 36600;
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          "value of a " + kind + " code must be between 1 and " + max + " but was " + value);
    }
    if (maxActivations.isPresent() && maxActivations.get() < 1) {
      throw new IllegalArgumentException(
          "maxActivations must be >= 1 but was " + maxActivations.get());
    }
    if (perUserLimit < 1) {
      throw new IllegalArgumentException("perUserLimit must be >= 1 but was " + perUserLimit);
    }
  }

  /** A builder: unlimited activations, one per user, no end of validity, active. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewPromoCode}; not thread-safe. */
  public static final class Builder {
    private @Nullable String code;
    private @Nullable PromoKind kind;
    private int value;
    private @Nullable Integer maxActivations;
    private int perUserLimit = 1;
    private @Nullable Instant validUntil;
    private boolean active = true;

    private Builder() {}

    /**
     * @param code the code @return this builder
     */
    public Builder code(String code) {
      this.code = code;
      return this;
    }

    /**
     * @param days extra days; sets the kind to {@link PromoKind#BONUS_DAYS} @return this builder
     */
    public Builder bonusDays(int days) {
      this.kind = PromoKind.BONUS_DAYS;
      this.value = days;
      return this;
    }

    /**
     * @param percent discount; sets the kind to {@link PromoKind#PERCENT_DISCOUNT} @return this
     *     builder
     */
    public Builder percentDiscount(int percent) {
      this.kind = PromoKind.PERCENT_DISCOUNT;
      this.value = percent;
      return this;
    }

    /**
     * @param max total activations allowed @return this builder
     */
    public Builder maxActivations(int max) {
      this.maxActivations = max;
      return this;
    }

    /**
     * @param limit activations per user @return this builder
     */
    public Builder perUserLimit(int limit) {
      this.perUserLimit = limit;
      return this;
    }

    /**
     * @param until end of validity @return this builder
     */
    public Builder validUntil(Instant until) {
      this.validUntil = until;
      return this;
    }

    /**
     * @param active whether it can be activated @return this builder
     */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /** Validates and builds; messages name the bad setting. @return the promo code */
    public NewPromoCode build() {
      if (code == null) {
        throw new IllegalStateException("code is required");
      }
      if (kind == null) {
        throw new IllegalStateException("bonusDays(..) or percentDiscount(..) is required");
      }
      return new NewPromoCode(
          code,
          kind,
          value,
          Optional.ofNullable(maxActivations),
          perUserLimit,
          Optional.ofNullable(validUntil),
          active);
    }
  }
}
