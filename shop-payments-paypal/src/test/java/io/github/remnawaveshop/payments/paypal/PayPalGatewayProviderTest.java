package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.RecurringCapability;
import io.github.remnawaveshop.core.payment.RefundCapability;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Discovery through {@link ServiceLoader}. This module's test class path holds shop-core and this
 * plugin and no other gateway plugin, so what is found here is what adding this jar alone brings.
 */
class PayPalGatewayProviderTest {
  private static final String SECRET = "EPsecretThatMustNotLeak42";

  @Test
  void serviceLoaderFindsExactlyThisPlugin() {
    List<PaymentGatewayProvider> providers =
        ServiceLoader.load(PaymentGatewayProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    assertThat(providers).hasSize(1);
    assertThat(providers.get(0)).isInstanceOf(PayPalGatewayProvider.class);
    assertThat(providers.get(0).id()).isEqualTo("paypal");
    assertThat(providers.get(0).requiredSettings())
        .containsExactlyInAnyOrder("client-id", "client-secret", "webhook-id");
  }

  @Test
  void paymentGatewaysDiscoversAndConfiguresItFromProperties() {
    Properties p = new Properties();
    p.setProperty("shop.payments.paypal.client-id", "AXclient");
    p.setProperty("shop.payments.paypal.client-secret", SECRET);
    p.setProperty("shop.payments.paypal.webhook-id", "8PT597110X687430LKGECATA");
    p.setProperty("shop.payments.paypal.environment", "live");
    p.setProperty("shop.payments.paypal.verification", "offline");
    p.setProperty("shop.payments.paypal.currencies", "usd, eur");
    PaymentGateways gateways =
        PaymentGateways.builder().discover(id -> GatewaySettings.fromProperties(id, p)).build();

    PaymentGateway gateway = gateways.get("paypal").orElseThrow();
    assertThat(gateway).isInstanceOf(PayPalGateway.class);
    PayPalGateway paypal = (PayPalGateway) gateway;
    assertThat(paypal.environment()).isEqualTo(PayPalEnvironment.LIVE);
    assertThat(paypal.verification()).isEqualTo(PayPalVerification.OFFLINE);
    assertThat(gateway.supportedCurrencies()).containsExactlyInAnyOrder("USD", "EUR");
    assertThat(gateway.capability(RefundCapability.class)).isPresent();
    assertThat(gateway.capability(RecurringCapability.class)).isEmpty();
    assertThat(gateway.toString()).doesNotContain(SECRET).doesNotContain("AXclient");
  }

  @Test
  void defaultsAreSandboxOnlineAndPayPalsCurrencies() {
    PayPalGateway gateway =
        (PayPalGateway)
            new PayPalGatewayProvider()
                .create(
                    GatewaySettings.fromEnvironment(
                        "paypal",
                        Map.of(
                            "SHOP_PAYMENTS_PAYPAL_CLIENT_ID",
                            "AX",
                            "SHOP_PAYMENTS_PAYPAL_CLIENT_SECRET",
                            SECRET,
                            "SHOP_PAYMENTS_PAYPAL_WEBHOOK_ID",
                            "WH")));
    assertThat(gateway.environment()).isEqualTo(PayPalEnvironment.SANDBOX);
    assertThat(gateway.verification()).isEqualTo(PayPalVerification.ONLINE);
    assertThat(gateway.supportedCurrencies())
        .isEqualTo(PayPalGateway.PAYPAL_CURRENCIES)
        .contains("USD", "EUR", "JPY");
    assertThat(PayPalEnvironment.SANDBOX.apiBase().toString())
        .isEqualTo("https://api-m.sandbox.paypal.com/");
    assertThat(PayPalEnvironment.LIVE.apiBase().toString()).isEqualTo("https://api-m.paypal.com/");
  }

  @Test
  void missingSettingsAreAllNamedAndNoSecretIsShown() {
    GatewaySettings partial = GatewaySettings.of("paypal", Map.of("client-secret", SECRET));
    assertThatThrownBy(() -> new PayPalGatewayProvider().create(partial))
        .isInstanceOfSatisfying(
            GatewayConfigurationException.class,
            e -> {
              assertThat(e.gatewayId()).isEqualTo("paypal");
              assertThat(e.problems()).hasSize(2);
              assertThat(e.getMessage())
                  .contains("client-id")
                  .contains("webhook-id")
                  .contains("SHOP_PAYMENTS_PAYPAL_WEBHOOK_ID")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void badValuesAreNamedWithTheValue() {
    GatewaySettings bad =
        GatewaySettings.of(
            "paypal",
            Map.of(
                "client-id",
                "AX",
                "client-secret",
                SECRET,
                "webhook-id",
                "WH",
                "environment",
                "production",
                "verification",
                "maybe",
                "cert-hosts",
                "evil.example",
                "currencies",
                "USD,dollars",
                "transmission-tolerance",
                "soon",
                "insecure-test-only-cert-url-prefix",
                "localhost"));
    assertThatThrownBy(() -> new PayPalGatewayProvider().create(bad))
        .isInstanceOfSatisfying(
            GatewayConfigurationException.class,
            e -> {
              assertThat(e.problems()).hasSize(6);
              assertThat(e.getMessage())
                  .contains("'environment'")
                  .contains("production")
                  .contains("'verification'")
                  .contains("maybe")
                  .contains("'cert-hosts'")
                  .contains("evil.example")
                  .contains("'currencies'")
                  .contains("dollars")
                  .contains("'transmission-tolerance'")
                  .contains("soon")
                  .contains("'insecure-test-only-cert-url-prefix'")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void aDisabledOrUnconfiguredPluginIsSkipped() {
    assertThat(
            PaymentGateways.builder()
                .discover(id -> GatewaySettings.of(id, Map.of()))
                .build()
                .all())
        .isEmpty();
    assertThat(
            PaymentGateways.builder()
                .discover(
                    id -> GatewaySettings.of(id, Map.of("enabled", "false", "client-id", "AX")))
                .build()
                .all())
        .isEmpty();
  }
}
