package io.github.remnawaveshop.core.payment;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the core asks a gateway to collect: one order, one amount.
 *
 * @param orderReference the shop's own order id; gateways send it to the provider (metadata, custom
 *     id, invoice number) and give it back in every {@link PaymentEvent} so the core can find the
 *     order
 * @param amount the amount to collect
 * @param description a short human description ("VPN, 30 days")
 * @param customerId the buyer's id in the shop (the Telegram user id)
 * @param customerEmail the buyer's e-mail, when known (receipts)
 * @param locale the buyer's language, for the provider's pay page
 * @param returnUrl where the provider sends the buyer after paying, when it redirects
 * @param cancelUrl where the provider sends the buyer who cancels
 * @param idempotencyKey a key unique to this checkout attempt; gateways send it to providers that
 *     support idempotent requests, so a retried call never creates a second charge
 * @param recurring whether to set up automatic renewal (only for gateways with {@link
 *     RecurringCapability})
 * @param metadata extra non-secret key/values to attach at the provider
 */
public record CheckoutRequest(
    String orderReference,
    Money amount,
    String description,
    long customerId,
    Optional<String> customerEmail,
    Locale locale,
    Optional<URI> returnUrl,
    Optional<URI> cancelUrl,
    String idempotencyKey,
    boolean recurring,
    Map<String, String> metadata) {

  /** Validates the request and copies the metadata. */
  public CheckoutRequest {
    requireText(orderReference, "orderReference");
    Objects.requireNonNull(amount, "amount");
    requireText(description, "description");
    Objects.requireNonNull(customerEmail, "customerEmail");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(returnUrl, "returnUrl");
    Objects.requireNonNull(cancelUrl, "cancelUrl");
    requireText(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.length() > 255) {
      throw new IllegalArgumentException(
          "idempotencyKey must be at most 255 characters; was " + idempotencyKey.length());
    }
    if (amount.minorUnits() == 0) {
      throw new IllegalArgumentException("amount must be more than zero; was " + amount);
    }
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
  }

  /** A builder with empty optional fields, English locale and no metadata. */
  public static Builder builder() {
    return new Builder();
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** Fluent builder of {@link CheckoutRequest}; not thread-safe. */
  public static final class Builder {
    private @Nullable String orderReference;
    private @Nullable Money amount;
    private @Nullable String description;
    private long customerId;
    private @Nullable String customerEmail;
    private Locale locale = Locale.ENGLISH;
    private @Nullable URI returnUrl;
    private @Nullable URI cancelUrl;
    private @Nullable String idempotencyKey;
    private boolean recurring;
    private Map<String, String> metadata = Map.of();

    private Builder() {}

    /** Sets the shop's order id. */
    public Builder orderReference(String orderReference) {
      this.orderReference = orderReference;
      return this;
    }

    /** Sets the amount. */
    public Builder amount(Money amount) {
      this.amount = amount;
      return this;
    }

    /** Sets the description shown to the buyer. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets the buyer's shop id (Telegram user id). */
    public Builder customerId(long customerId) {
      this.customerId = customerId;
      return this;
    }

    /** Sets the buyer's e-mail. */
    public Builder customerEmail(String customerEmail) {
      this.customerEmail = customerEmail;
      return this;
    }

    /** Sets the buyer's language. */
    public Builder locale(Locale locale) {
      this.locale = locale;
      return this;
    }

    /** Sets the return URL. */
    public Builder returnUrl(URI returnUrl) {
      this.returnUrl = returnUrl;
      return this;
    }

    /** Sets the cancel URL. */
    public Builder cancelUrl(URI cancelUrl) {
      this.cancelUrl = cancelUrl;
      return this;
    }

    /** Sets the idempotency key (defaults to the order reference). */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** Asks for automatic renewal. */
    public Builder recurring(boolean recurring) {
      this.recurring = recurring;
      return this;
    }

    /** Sets extra non-secret metadata. */
    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    /** Builds and validates the request. */
    public CheckoutRequest build() {
      String reference = Objects.requireNonNull(orderReference, "orderReference");
      return new CheckoutRequest(
          reference,
          Objects.requireNonNull(amount, "amount"),
          Objects.requireNonNull(description, "description"),
          customerId,
          Optional.ofNullable(customerEmail),
          locale,
          Optional.ofNullable(returnUrl),
          Optional.ofNullable(cancelUrl),
          idempotencyKey == null ? reference : idempotencyKey,
          recurring,
          metadata == null ? Map.of() : metadata);
    }
  }
}
