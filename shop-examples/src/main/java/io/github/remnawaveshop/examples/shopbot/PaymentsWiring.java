package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.payments.tck.demo.DemoPayGateway;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.stars.StarsCheckoutMode;
import io.github.remnawaveshop.telegram.stars.StarsGateway;
import io.github.remnawaveshop.telegram.stars.StarsOrders;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The payment gateways: Telegram Stars through the shop's own bot (unless {@code
 * STARS_ENABLED=false}), plus every plugin on the class path whose variables are set (Stripe,
 * PayPal, Robokassa, …), or — when none is — DemoPay against the local {@link DemoPayDesk}, with
 * random keys per start.
 *
 * @param gateways the gateways the engine routes to
 * @param stars the Stars gateway, for the shop's pre-checkout and payment handling
 * @param desk the local DemoPay, when embedded
 * @param owned what {@link #close()} closes: the discovered gateways (with the one HTTP client
 *     discovery built for them) and the embedded DemoPay; Stars runs on the shop's bot, which the
 *     Telegram wiring closes
 */
record PaymentsWiring(
    PaymentGateways gateways,
    Optional<StarsGateway> stars,
    Optional<DemoPayDesk> desk,
    List<Runnable> owned)
    implements AutoCloseable {

  /** Closes the gateways this wiring created, last first. */
  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).run();
    }
  }

  static PaymentsWiring open(
      ShopConfig config, TelegramBot bot, ShopStore store, HttpFront front, StartupReport report) {
    PaymentGateways found;
    try {
      found =
          PaymentGateways.builder()
              .discover(
                  id ->
                      id.equals(StarsGateway.ID)
                          ? GatewaySettings.of(id, Map.of())
                          : config.gateways().settings(id))
              .build();
    } catch (GatewayConfigurationException e) {
      throw GatewayConfig.explain(e);
    }
    PaymentGateways.Builder all = PaymentGateways.builder();
    Optional<StarsGateway> stars = stars(config, bot, store);
    stars.ifPresent(all::add);
    stars.ifPresent(
        g ->
            report.add(
                "stars",
                config.botToken().isEmpty(),
                "Telegram Stars (XTR) through the bot, "
                    + g.checkoutMode().name().toLowerCase(Locale.ROOT)
                    + " checkout"
                    + (config.botToken().isEmpty()
                        ? "; the sandbox's Pay button pays the invoice"
                        : "")));
    found.all().forEach(all::add);
    if (!found.all().isEmpty()) {
      report.real(
          "payments",
          found.all().stream().map(PaymentGateway::id).collect(Collectors.joining(", ")));
      return new PaymentsWiring(all.build(), stars, Optional.empty(), List.of(found::close));
    }
    Secret apiKey = Secret.of(random());
    Secret webhookSecret = Secret.of(random());
    String publicBase = config.publicUrl().map(URI::toString).orElse(front.localUrl());
    URI webhook =
        URI.create(
            "http://127.0.0.1:" + front.port() + PaymentWebhookEndpoint.PREFIX + DemoPayGateway.ID);
    DemoPayDesk desk =
        new DemoPayDesk(apiKey, webhookSecret, () -> publicBase, () -> webhook, Clock.systemUTC());
    DemoPayGateway demo =
        DemoPayGateway.builder()
            .apiKey(apiKey)
            .webhookSecret(webhookSecret)
            .baseUrl(URI.create("http://127.0.0.1:" + front.port() + "/demopay"))
            .build();
    report.embedded(
        "payments",
        "DemoPay test gateway (RUB, USD, EUR), checkout pages at "
            + publicBase
            + "/demopay/checkout/…");
    return new PaymentsWiring(
        all.add(demo).build(), stars, Optional.of(desk), List.of(found::close, demo::close));
  }

  private static Optional<StarsGateway> stars(ShopConfig config, TelegramBot bot, ShopStore store) {
    GatewaySettings s = config.gateways().settings(StarsGateway.ID);
    if (!s.flag("enabled", true)) {
      return Optional.empty();
    }
    String checkout = s.get("checkout").orElse("link").toUpperCase(Locale.ROOT);
    StarsCheckoutMode mode;
    try {
      mode = StarsCheckoutMode.valueOf(checkout);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "STARS_CHECKOUT", "must be link or chat; was '" + s.get("checkout").orElse("") + "'");
    }
    return Optional.of(
        StarsGateway.builder().bot(bot).checkoutMode(mode).orders(StarsOrders.of(store)).build());
  }

  private static String random() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
