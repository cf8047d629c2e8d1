package io.github.remnawaveshop.payments.stripe;

import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of the Stripe plugin: adding this module's jar to
 * the class path makes {@code PaymentGateways.builder().discover(…)} find the gateway {@value
 * StripeGateway#ID}, configured from settings {@code shop.payments.stripe.*} (or {@code
 * SHOP_PAYMENTS_STRIPE_*}); see {@link StripeGateway.Builder#settings(GatewaySettings)} for the
 * names. Discovery gives it the shop's {@link GatewayResources}; the gateway then calls Stripe
 * through a variant of the shared client. Stateless.
 */
public final class StripeGatewayProvider implements PaymentGatewayProvider {
  static final Set<String> REQUIRED = Set.of("secret-key", "webhook-secret");

  /** For {@link java.util.ServiceLoader}. */
  public StripeGatewayProvider() {}

  @Override
  public String id() {
    return StripeGateway.ID;
  }

  @Override
  public Set<String> requiredSettings() {
    return REQUIRED;
  }

  /** A standalone gateway with its own HTTP client, released by its {@code close()}. */
  @Override
  public PaymentGateway create(GatewaySettings settings) {
    return StripeGateway.builder().settings(settings).build();
  }

  /**
   * A gateway on the shared client (a {@code newBuilder()} variant with the {@code timeout}
   * setting) and clock.
   */
  @Override
  public PaymentGateway create(GatewaySettings settings, GatewayResources resources) {
    return StripeGateway.builder().settings(settings).resources(resources).build();
  }
}
