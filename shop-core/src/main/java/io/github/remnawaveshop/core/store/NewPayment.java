package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A payment to record with {@link PaymentRepository#create} (a pending checkout) or {@link
 * PaymentRepository#recordPaid} (money already confirmed, e.g. Telegram Stars). Build with {@link
 * #builder()}.
 *
 * @param userId the payer's store id
 * @param provider the gateway's id: 1 to 32 of {@code a-z 0-9 _ . -}
 * @param externalId the provider's payment id, 1 to 255 characters, when already known
 * @param idempotencyKey the shop's key for this checkout, 1 to 255 characters, unique
 * @param amount the amount
 * @param planId the plan bought
 * @param promoCodeId the promo code applied
 */
public record NewPayment(
    long userId,
    String provider,
    Optional<String> externalId,
    String idempotencyKey,
    Money amount,
    Optional<Long> planId,
    Optional<Long> promoCodeId) {
  static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");

  /** Validates the fields. */
  public NewPayment {
    checkProvider(provider);
    Objects.requireNonNull(externalId, "externalId");
    externalId.ifPresent(NewPayment::checkExternalId);
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isEmpty() || idempotencyKey.length() > 255) {
      throw new IllegalArgumentException(
          "idempotencyKey must be 1 to 255 characters but had " + idempotencyKey.length());
    }
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(promoCodeId, "promoCodeId");
  }

  static String checkProvider(String provider) {
    Objects.requireNonNull(provider, "provider");
    if (!PROVIDER.matcher(provider).matches()) {
      throw new IllegalArgumentException(
          "provider must be 1 to 32 of a-z 0-9 _ . - but was '" + provider + "'");
    }
    return provider;
  }

  static String checkExternalId(String externalId) {
    Objects.requireNonNull(externalId, "externalId");
    if (externalId.isEmpty() || externalId.length() > 255) {
      throw new IllegalArgumentException(
          "externalId must be 1 to 255 characters but had " + externalId.length());
    }
    return externalId;
  }

  /** A builder; user, provider, idempotency key and amount are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewPayment}; not thread-safe. */
  public static final class Builder {
    private @Nullable Long userId;
    private @Nullable String provider;
    private @Nullable String externalId;
    private @Nullable String idempotencyKey;
    private @Nullable Money amount;
    private @Nullable Long planId;
    private @Nullable Long promoCodeId;

    private Builder() {}

    /**
     * @param userId the payer's store id @return this builder
     */
    public Builder userId(long userId) {
      this.userId = userId;
      return this;
    }

    /**
     * @param provider the gateway's id @return this builder
     */
    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    /**
     * @param externalId the provider's payment id @return this builder
     */
    public Builder externalId(String externalId) {
      this.externalId = externalId;
      return this;
    }

    /**
     * @param key the shop's idempotency key @return this builder
     */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /**
     * @param amount the amount @return this builder
     */
    public Builder amount(Money amount) {
      this.amount = amount;
      return this;
    }

    /**
     * @param planId the plan bought @return this builder
     */
    public Builder planId(long planId) {
      this.planId = planId;
      return this;
    }

    /**
     * @param promoCodeId the promo code applied @return this builder
     */
    public Builder promoCodeId(long promoCodeId) {
      this.promoCodeId = promoCodeId;
      return this;
    }

    /** Validates and builds; messages name the bad setting. @return the payment */
    public NewPayment build() {
      if (userId == null) {
        throw new IllegalStateException("userId is required");
      }
      if (provider == null) {
        throw new IllegalStateException("provider is required");
      }
      if (idempotencyKey == null) {
        throw new IllegalStateException("idempotencyKey is required");
      }
      if (amount == null) {
        throw new IllegalStateException("amount is required");
      }
      return new NewPayment(
          userId,
          provider,
          Optional.ofNullable(externalId),
          idempotencyKey,
          amount,
          Optional.ofNullable(planId),
          Optional.ofNullable(promoCodeId));
    }
  }
}
