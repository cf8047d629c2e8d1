package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.SECRET_KEY;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StripeGatewayBuilderTest {

  private static GatewayConfigurationException failure(Map<String, String> values) {
    return catchThrowableOfType(
        GatewayConfigurationException.class,
        () -> new StripeGatewayProvider().create(GatewaySettings.of("stripe", values)));
  }

  @Test
  void providerDeclaresItsIdAndRequiredSettings() {
    StripeGatewayProvider provider = new StripeGatewayProvider();
    assertThat(provider.id()).isEqualTo("stripe");
    assertThat(provider.requiredSettings())
        .containsExactlyInAnyOrder("secret-key", "webhook-secret");
  }

  @Test
  void gatewayFromPropertiesWithDefaults() {
    Properties p = new Properties();
    p.setProperty("shop.payments.stripe.secret-key", SECRET_KEY);
    p.setProperty("shop.payments.stripe.webhook-secret", WEBHOOK_SECRET);
    p.setProperty("shop.payments.stripe.currencies", "usd, eur,GBP");
    p.setProperty("shop.payments.stripe.tolerance", "PT2M");

    PaymentGateway gateway =
        new StripeGatewayProvider().create(GatewaySettings.fromProperties("stripe", p));

    assertThat(gateway).isInstanceOf(StripeGateway.class);
    assertThat(gateway.id()).isEqualTo("stripe");
    assertThat(gateway.supportedCurrencies()).containsExactly("USD", "EUR", "GBP");
    assertThat(((StripeGateway) gateway).liveMode()).isFalse();
    assertThat(gateway.toString())
        .contains("test", "https://api.stripe.com", "tolerance=120s")
        .doesNotContain(SECRET_KEY)
        .doesNotContain(WEBHOOK_SECRET);
  }

  @Test
  void missingSettingsAreNamedWithTheirPropertyAndEnvironmentNames() {
    GatewayConfigurationException e = failure(Map.of("success-url", "https://shop.example/ok"));

    assertThat(e.gatewayId()).isEqualTo("stripe");
    assertThat(e.getMessage())
        .contains(
            "secret-key",
            "webhook-secret",
            "SHOP_PAYMENTS_STRIPE_SECRET_KEY",
            "shop.payments.stripe.webhook-secret");
  }

  @Test
  void badSecretsAreReportedWithoutShowingThem() {
    Map<String, String> values = new HashMap<>();
    values.put("secret-key", "pk_test_PublishableNotSecret");
    values.put("webhook-secret", "not-a-whsec-value-hush");
    GatewayConfigurationException publishable = failure(values);
    values.put("secret-key", "sk_prod_TotallyWrongHush");
    GatewayConfigurationException wrong = failure(values);

    assertThat(publishable.problems())
        .anyMatch(p -> p.contains("publishable key"))
        .anyMatch(p -> p.contains("webhook-secret"));
    assertThat(publishable.getMessage())
        .doesNotContain("pk_test_PublishableNotSecret")
        .doesNotContain("hush");
    assertThat(wrong.getMessage())
        .contains("secret-key")
        .doesNotContain("TotallyWrong")
        .doesNotContain("hush");
  }

  @Test
  void everyBadSettingIsReportedAtOnceNamingTheValue() {
    Map<String, String> values = new HashMap<>();
    values.put("secret-key", SECRET_KEY);
    values.put("webhook-secret", WEBHOOK_SECRET);
    values.put("api-base", "http://api.stripe.example");
    values.put("success-url", "/relative");
    values.put("currencies", "USD,XTR,dollars");
    values.put("recurring-interval", "fortnight");
    values.put("recurring-interval-count", "0");
    values.put("api-version", "latest");

    GatewayConfigurationException e = failure(values);

    assertThat(e.problems()).hasSize(7);
    assertThat(e.getMessage())
        .contains(
            "'api-base' must use https",
            "http://api.stripe.example",
            "'success-url'",
            "/relative",
            "'XTR'",
            "'DOLLARS'",
            "fortnight",
            "'recurring-interval-count'",
            "'latest'");
  }

  @Test
  void unparsableValuesAreNamed() {
    Map<String, String> values = new HashMap<>();
    values.put("secret-key", SECRET_KEY);
    values.put("webhook-secret", WEBHOOK_SECRET);
    values.put("tolerance", "five minutes");
    assertThat(failure(values).getMessage()).contains("'tolerance'", "five minutes");
    values.remove("tolerance");
    values.put("recurring-interval-count", "many");
    assertThat(failure(values).getMessage()).contains("'recurring-interval-count'", "many");
  }

  @Test
  void builderRefusesNonPositiveToleranceAndAcceptsLoopbackHttpOnly() {
    GatewayConfigurationException zero =
        catchThrowableOfType(
            GatewayConfigurationException.class,
            () ->
                StripeGateway.builder()
                    .secretKey(Secret.of(SECRET_KEY))
                    .webhookSecret(Secret.of(WEBHOOK_SECRET))
                    .tolerance(Duration.ZERO)
                    .build());
    assertThat(zero.getMessage()).contains("'tolerance' must be positive");

    StripeGateway local =
        StripeGateway.builder()
            .secretKey(Secret.of("sk_live_51Live0123"))
            .webhookSecret(Secret.of(WEBHOOK_SECRET))
            .apiBase(URI.create("http://localhost:12111"))
            .build();
    assertThat(local.liveMode()).isTrue();
    assertThat(local.toString()).contains("live").doesNotContain("sk_live_51Live0123");
  }
}
