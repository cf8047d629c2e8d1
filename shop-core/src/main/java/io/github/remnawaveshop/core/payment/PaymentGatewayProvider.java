package io.github.remnawaveshop.core.payment;

import java.util.Set;

/**
 * Creates a {@link PaymentGateway} from settings; the {@link java.util.ServiceLoader} entry point
 * of a payment plugin. Register the implementation in {@code
 * META-INF/services/io.github.remnawaveshop.core.payment.PaymentGatewayProvider}. Implementations
 * need a public no-argument constructor and no state.
 *
 * <h2>The two {@code create} methods</h2>
 *
 * {@link PaymentGateways} discovery calls {@link #create(GatewaySettings, GatewayResources)} with
 * the resources every gateway of the shop shares (one HTTP client, one clock); a gateway made there
 * calls through that client (or a {@code newBuilder()} variant of it) and does not close it. {@link
 * #create(GatewaySettings)} makes a standalone gateway that builds, owns and on {@link
 * PaymentGateway#close()} releases its own client.
 *
 * <p>Compatibility: {@code create(settings)} is the method every plugin already has, so it stays
 * abstract and its meaning is unchanged; {@code create(settings, resources)} is a default method
 * that falls back to it, so a plugin written before resources existed still compiles, links and is
 * discovered, only with a client of its own. New plugins implement both, usually as one line each
 * ({@code builder().settings(settings).build()} and {@code
 * builder().settings(settings).resources(resources).build()}). Two defaults calling each other were
 * rejected: a provider overriding neither would compile and recurse forever.
 */
public interface PaymentGatewayProvider {

  /**
   * The id of the gateways this provider creates; also the settings prefix (see {@link
   * GatewaySettings}).
   */
  String id();

  /** Names of the settings that must be present (without prefix), e.g. {@code secret-key}. */
  Set<String> requiredSettings();

  /**
   * Creates a standalone gateway, which builds its own HTTP client (with {@link
   * ProviderHttp#defaultClient()}'s timeouts unless its settings say otherwise) and releases it on
   * {@link PaymentGateway#close()}.
   *
   * @throws GatewayConfigurationException when settings are missing or invalid; the message names
   *     every missing or bad setting but never shows a secret's value
   */
  PaymentGateway create(GatewaySettings settings);

  /**
   * Creates a gateway on the shop's shared resources: it calls its provider through {@code
   * resources.httpClient()} (or a variant derived with {@code newBuilder()}, which shares the
   * connection pool and dispatcher), takes "now" from {@code resources.clock()}, and never closes
   * the shared client. {@link PaymentGateways} discovery calls this method.
   *
   * <p>The default ignores the resources and calls {@link #create(GatewaySettings)}, so plugins
   * written before this method existed keep working unchanged (with a client of their own);
   * override it to share.
   *
   * @throws GatewayConfigurationException when settings are missing or invalid; the message names
   *     every missing or bad setting but never shows a secret's value
   */
  default PaymentGateway create(GatewaySettings settings, GatewayResources resources) {
    return create(settings);
  }
}
