package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentGatewaysTest {

  /** Registered in src/test/resources/META-INF/services. */
  public static final class FakeProvider implements PaymentGatewayProvider {
    @Override
    public String id() {
      return "fake";
    }

    @Override
    public Set<String> requiredSettings() {
      return Set.of("api-key", "webhook-secret");
    }

    @Override
    public PaymentGateway create(GatewaySettings settings) {
      settings.requireAll(requiredSettings());
      Secret key = settings.secret("api-key");
      return new FakeGateway("fake", key);
    }
  }

  record FakeGateway(String id, Secret key) implements PaymentGateway, RefundCapability {
    @Override
    public Set<String> supportedCurrencies() {
      return Set.of("USD");
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
      return Checkout.builder()
          .gatewayId(id)
          .orderReference(request.orderReference())
          .providerReference("p-1")
          .paymentUrl(URI.create("https://pay.example/p-1"))
          .build();
    }

    @Override
    public VerifiedNotification verify(Notification notification) {
      throw new PaymentVerificationException(
          PaymentVerificationException.Reason.MISSING_SIGNATURE, "no signature");
    }

    @Override
    public RefundResult refund(
        String externalPaymentId, java.util.Optional<Money> amount, String idempotencyKey) {
      return new RefundResult("r-1", "succeeded");
    }
  }

  @Test
  void discoversConfiguredPluginsAndSkipsUnconfiguredOnes() {
    PaymentGateways none =
        PaymentGateways.builder().discover(id -> GatewaySettings.of(id, Map.of())).build();
    assertThat(none.all()).isEmpty();

    Properties props = new Properties();
    props.setProperty("shop.payments.fake.api-key", "sk_test_123");
    props.setProperty("shop.payments.fake.webhook-secret", "whsec_1");
    PaymentGateways found =
        PaymentGateways.builder().discover(id -> GatewaySettings.fromProperties(id, props)).build();
    assertThat(found.get("fake")).isPresent();
    assertThat(found.get("fake").get().capability(RefundCapability.class)).isPresent();
    assertThat(found.get("fake").get().capability(RecurringCapability.class)).isEmpty();
  }

  @Test
  void partlyConfiguredPluginIsReportedNamingEveryMissingSettingButNoSecret() {
    Map<String, String> env = Map.of("SHOP_PAYMENTS_FAKE_API_KEY", "sk_live_secret_value");
    assertThatThrownBy(
            () ->
                PaymentGateways.builder()
                    .discover(id -> GatewaySettings.fromEnvironment(id, env))
                    .build())
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("webhook-secret")
        .hasMessageContaining("SHOP_PAYMENTS_FAKE_WEBHOOK_SECRET")
        .hasMessageNotContaining("sk_live_secret_value");

    PaymentGateways lenient =
        PaymentGateways.builder()
            .strict(false)
            .discover(id -> GatewaySettings.fromEnvironment(id, env))
            .build();
    assertThat(lenient.all()).isEmpty();
    assertThat(lenient.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.gatewayId()).isEqualTo("fake"));
  }

  @Test
  void explicitGatewayWinsAndDuplicatesAreRefused() {
    FakeGateway mine = new FakeGateway("fake", Secret.of("k"));
    Properties props = new Properties();
    props.setProperty("shop.payments.fake.api-key", "x");
    props.setProperty("shop.payments.fake.webhook-secret", "y");
    PaymentGateways gateways =
        PaymentGateways.builder()
            .add(mine)
            .discover(id -> GatewaySettings.fromProperties(id, props))
            .build();
    assertThat(gateways.get("fake")).containsSame(mine);
    assertThatThrownBy(() -> PaymentGateways.builder().add(mine).add(mine))
        .hasMessageContaining("already added");
  }

  @Test
  void secretsNeverPrint() {
    Secret s = Secret.of("whsec_abc");
    assertThat(s.toString()).doesNotContain("whsec_abc");
    assertThat(GatewaySettings.of("x", Map.of("secret", "whsec_abc")).toString())
        .doesNotContain("whsec_abc");
    assertThat(new FakeGateway("f", s).toString()).doesNotContain("whsec_abc");
    assertThat(Notification.post(Map.of("Sig", "abc"), "{\"card\":1}".getBytes()).toString())
        .doesNotContain("card")
        .doesNotContain("abc");
  }

  @Test
  void notificationHeadersAreCaseInsensitiveAndFormParsed() {
    Notification n =
        new Notification(
            "POST",
            Map.of("Content-Type", java.util.List.of("application/x-www-form-urlencoded")),
            "InvId=5",
            "OutSum=10.00&Shp_user=a%20b".getBytes());
    assertThat(n.header("content-type")).contains("application/x-www-form-urlencoded");
    assertThat(n.formParameters())
        .containsEntry("InvId", "5")
        .containsEntry("OutSum", "10.00")
        .containsEntry("Shp_user", "a b");
  }
}
