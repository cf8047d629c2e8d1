package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.examples.gateway.DemoPayGateway;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The payment gateways: every plugin on the class path whose variables are set (Stripe, PayPal, Robokassa,
 * …), or — when none is — DemoPay against the local {@link DemoPayDesk}, with random keys per start.
 *
 * @param gateways the gateways the engine routes to
 * @param desk the local DemoPay, when embedded
 */
record PaymentsWiring(PaymentGateways gateways, Optional<DemoPayDesk> desk) {

  static PaymentsWiring open(ShopConfig config, HttpFront front, StartupReport report) {
    PaymentGateways found;
    try {
      found = PaymentGateways.builder().discover(config.gateways()::settings).build();
    } catch (GatewayConfigurationException e) {
      throw GatewayConfig.explain(e);
    }
    if (!found.all().isEmpty()) {
      report.real("payments", found.all().stream().map(PaymentGateway::id).collect(Collectors.joining(", ")));
      return new PaymentsWiring(found, Optional.empty());
    }
    Secret apiKey = Secret.of(random());
    Secret webhookSecret = Secret.of(random());
    String publicBase = config.publicUrl().map(URI::toString).orElse(front.localUrl());
    URI webhook = URI.create("http://127.0.0.1:" + front.port() + PaymentWebhookEndpoint.PREFIX + DemoPayGateway.ID);
    DemoPayDesk desk = new DemoPayDesk(apiKey, webhookSecret, () -> publicBase, () -> webhook, Clock.systemUTC());
    DemoPayGateway demo = DemoPayGateway.builder().apiKey(apiKey).webhookSecret(webhookSecret)
        .baseUrl(URI.create("http://127.0.0.1:" + front.port() + "/demopay")).build();
    report.embedded("payments", "DemoPay test gateway (RUB, USD, EUR), checkout pages at " + publicBase
        + "/demopay/checkout/…");
    return new PaymentsWiring(PaymentGateways.builder().add(demo).build(), Optional.of(desk));
  }

  private static String random() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
