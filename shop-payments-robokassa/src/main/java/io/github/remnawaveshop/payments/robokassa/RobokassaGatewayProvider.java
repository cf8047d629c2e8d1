package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of the Robokassa plugin. Settings (prefix {@code
 * shop.payments.robokassa.} or {@code SHOP_PAYMENTS_ROBOKASSA_}):
 *
 * <ul>
 *   <li>{@code merchant-login}, {@code password1}, {@code password2} — required;
 *   <li>{@code test-mode} (default {@code false}) with {@code test-password1}, {@code
 *       test-password2}, required when it is on;
 *   <li>{@code hash-algorithm}: MD5 (default), RIPEMD160, SHA1, SHA256, SHA384, SHA512;
 *   <li>{@code base-url}: the pay page (default {@link RobokassaGateway#DEFAULT_PAY_PAGE});
 *   <li>{@code culture}: {@code ru} or {@code en} (default: the buyer's language);
 *   <li>{@code receipt} (default {@code false}) with {@code receipt-sno}, {@code receipt-tax}
 *       (default {@code none}), {@code receipt-payment-method} ({@code full_payment}), {@code
 *       receipt-payment-object} ({@code service});
 *   <li>{@code password3}: Password #3, enables refunds ({@code RefundCapability});
 *   <li>{@code op-state-url}, {@code refund-url}: the status and refund services (defaults {@link
 *       RobokassaGateway#DEFAULT_OP_STATE_URL}, {@link RobokassaGateway#DEFAULT_REFUND_URL}).
 * </ul>
 *
 * Stateless.
 */
public final class RobokassaGatewayProvider implements PaymentGatewayProvider {

  /** For {@link java.util.ServiceLoader}. */
  public RobokassaGatewayProvider() {}

  @Override
  public String id() {
    return RobokassaGateway.ID;
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("merchant-login", "password1", "password2");
  }

  /**
   * A standalone gateway with its own HTTP client, released by its {@code close()}.
   *
   * @throws GatewayConfigurationException naming every missing or bad setting at once
   */
  @Override
  public PaymentGateway create(GatewaySettings settings) {
    return RobokassaSettings.read(settings).build();
  }

  /**
   * A gateway on the shop's shared HTTP client and clock, as discovery creates it.
   *
   * @throws GatewayConfigurationException naming every missing or bad setting at once
   */
  @Override
  public PaymentGateway create(GatewaySettings settings, GatewayResources resources) {
    return RobokassaSettings.read(settings).resources(resources).build();
  }

  @Override
  public String toString() {
    return "RobokassaGatewayProvider";
  }
}
