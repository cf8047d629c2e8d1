package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of the Stars gateway {@value StarsGateway#ID}:
 * configured from settings {@code shop.payments.stars.*} (or {@code SHOP_PAYMENTS_STARS_*}): {@code
 * bot-token} (required), {@code api-url}, {@code checkout}; see {@link
 * StarsGateway.Builder#settings}. A gateway made here has its own bot client (on the shared HTTP
 * client when discovery passes {@link GatewayResources}), closed with the gateway; hosts that
 * already have a {@code TelegramBot} add {@code StarsGateway.builder().bot(bot).build()} to {@code
 * PaymentGateways} instead. Stateless.
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

  /** A standalone gateway whose bot has its own HTTP client; its {@code close()} closes the bot. */
  @Override
  public PaymentGateway create(GatewaySettings settings) {
    return StarsGateway.builder().settings(settings).build();
  }

  /**
   * A gateway whose bot calls through the shop's shared HTTP client; its {@code close()} closes the
   * bot only.
   */
  @Override
  public PaymentGateway create(GatewaySettings settings, GatewayResources resources) {
    return StarsGateway.builder().settings(settings).resources(resources).build();
  }

  @Override
  public String toString() {
    return "StarsGatewayProvider[" + StarsGateway.ID + "]";
  }
}
