package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of the PayPal plugin: gateway id {@code paypal},
 * settings {@code shop.payments.paypal.*} (or {@code SHOP_PAYMENTS_PAYPAL_*}). Stateless;
 * registered in {@code
 * META-INF/services/io.github.remnawaveshop.core.payment.PaymentGatewayProvider}.
 */
public final class PayPalGatewayProvider implements PaymentGatewayProvider {

  /** For {@link java.util.ServiceLoader}. */
  public PayPalGatewayProvider() {}

  @Override
  public String id() {
    return PayPalGateway.ID;
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("client-id", "client-secret", "webhook-id");
  }

  /** A standalone gateway with its own HTTP client, released by its {@code close()}. */
  @Override
  public PaymentGateway create(GatewaySettings settings) {
    return PayPalGateway.builder().settings(settings).build();
  }

  /** A gateway on the shop's shared HTTP client and clock. */
  @Override
  public PaymentGateway create(GatewaySettings settings, GatewayResources resources) {
    return PayPalGateway.builder().settings(settings).resources(resources).build();
  }
}
