package io.github.remnawaveshop.core.payment;

import java.util.Optional;

/**
 * A gateway that can return money through the provider's API. The refund itself is credited back in
 * the shop when the provider's refund notification arrives (or from the returned result, for
 * providers that send none).
 */
public interface RefundCapability extends GatewayCapability {

  /**
   * Asks the provider to refund a payment.
   *
   * @param externalPaymentId the provider's payment id from the {@link
   *     PaymentEvent#externalPaymentId()} that paid
   * @param amount the amount to refund, or empty for all of it
   * @param idempotencyKey a key unique to this refund attempt
   * @return the provider's refund id and status
   * @throws PaymentProviderException when the provider refuses or cannot be reached
   */
  RefundResult refund(String externalPaymentId, Optional<Money> amount, String idempotencyKey);

  /**
   * The provider's answer to a refund request.
   *
   * @param refundId the provider's refund id
   * @param status the provider's status word ({@code succeeded}, {@code pending}, …)
   */
  record RefundResult(String refundId, String status) {}
}
