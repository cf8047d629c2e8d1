package io.github.remnawaveshop.payments.tck;

import java.util.Objects;

/**
 * The provider ids a gateway must report for a verified {@link TckPayment}.
 *
 * @param providerEventId the id of the notification, the same on every redelivery ({@code
 *     PaymentEvent.providerEventId()})
 * @param externalPaymentId the provider's id of the money movement ({@code
 *     PaymentEvent.externalPaymentId()})
 */
public record ProviderIds(String providerEventId, String externalPaymentId) {

  /** Validates. */
  public ProviderIds {
    Objects.requireNonNull(providerEventId, "providerEventId");
    Objects.requireNonNull(externalPaymentId, "externalPaymentId");
  }
}
