package io.github.remnawaveshop.core.payment;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A call to a payment provider's API failed: refused, unreachable, or answered with something
 * unexpected.
 */
public final class PaymentProviderException extends PaymentException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final @Nullable String providerCode;

  /**
   * @param message what failed, without secrets
   * @param httpStatus the provider's HTTP status, or 0 when no answer came
   * @param providerCode the provider's error code, or null
   * @param cause the underlying failure, or null
   */
  public PaymentProviderException(
      String message, int httpStatus, @Nullable String providerCode, @Nullable Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.providerCode = providerCode;
  }

  /** The provider's HTTP status, 0 when the provider could not be reached. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The provider's error code, when it gave one. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /** Whether retrying later may succeed (no answer, 429 or 5xx). */
  public boolean isRetryable() {
    return httpStatus == 0 || httpStatus == 429 || httpStatus >= 500;
  }
}
