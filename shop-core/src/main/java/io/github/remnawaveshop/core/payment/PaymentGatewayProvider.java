package io.github.remnawaveshop.core.payment;

import java.util.Set;

/**
 * Creates a {@link PaymentGateway} from settings; the {@link java.util.ServiceLoader} entry point of a
 * payment plugin. Register the implementation in
 * {@code META-INF/services/io.github.remnawaveshop.core.payment.PaymentGatewayProvider}.
 * Implementations need a public no-argument constructor and no state.
 */
public interface PaymentGatewayProvider {

  /** The id of the gateways this provider creates; also the settings prefix (see {@link GatewaySettings}). */
  String id();

  /** Names of the settings that must be present (without prefix), e.g. {@code secret-key}. */
  Set<String> requiredSettings();

  /**
   * Creates a gateway.
   *
   * @throws GatewayConfigurationException when settings are missing or invalid; the message names every
   *     missing or bad setting but never shows a secret's value
   */
  PaymentGateway create(GatewaySettings settings);
}
