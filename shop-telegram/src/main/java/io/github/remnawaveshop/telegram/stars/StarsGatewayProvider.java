package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of the Stars gateway {@value StarsGateway#ID}: configured from
 * settings {@code shop.payments.stars.*} (or {@code SHOP_PAYMENTS_STARS_*}): {@code bot-token} (required),
 * {@code api-url}, {@code checkout}; see {@link StarsGateway.Builder#settings}. A gateway made here has its own
 * bot client; hosts that already have a {@code TelegramBot} add {@code StarsGateway.builder().bot(bot).build()}
 * to {@code PaymentGateways} instead. Stateless.
 */
public final class StarsGatewayProvider implements PaymentGatewayProvider {
  static final Set<String> REQUIRED = Set.of("bot-token");

  /** For {@link java.util.ServiceLoader}. */
  public StarsGatewayProvider() {}

  @Override
  public String id() {
    return StarsGateway.ID;
  }

  @Override
  public Set<String> requiredSettings() {
    return REQUIRED;
  }

  @Override
  public PaymentGateway create(GatewaySettings settings) {
    return StarsGateway.builder().settings(settings).build();
  }

  @Override
  public String toString() {
    return "StarsGatewayProvider[" + StarsGateway.ID + "]";
  }
}
