package io.github.remnawaveshop.telegram.stars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Settings, builder and request checks that need no Telegram at all (nothing here reaches a
 * server).
 */
class StarsGatewayBuilderTest {
  private static final String TOKEN = StarsConformanceTest.TOKEN;

  private static StarsGateway fromSettings(Map<String, String> values) {
    return StarsGateway.builder().settings(GatewaySettings.of("stars", values)).build();
  }

  private static CheckoutRequest.Builder request(String reference, Money amount) {
    return CheckoutRequest.builder()
        .orderReference(reference)
        .amount(amount)
        .description("VPN, 30 days")
        .idempotencyKey(reference);
  }

  @Test
  void settingsAreCheckedByName() {
    assertThatThrownBy(() -> fromSettings(Map.of()))
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("bot-token")
        .hasMessageContaining("SHOP_PAYMENTS_STARS_BOT_TOKEN");
    assertThatThrownBy(() -> fromSettings(Map.of("bot-token", "not-a-token-at-all")))
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("bot-token")
        .hasMessageNotContaining("not-a-token-at-all");
    assertThatThrownBy(() -> fromSettings(Map.of("bot-token", TOKEN, "checkout", "mail")))
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("checkout")
        .hasMessageContaining("mail");
    assertThatThrownBy(() -> fromSettings(Map.of("bot-token", TOKEN, "api-url", "relative/path")))
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("api-url");
    StarsGateway chat = fromSettings(Map.of("bot-token", TOKEN, "checkout", "chat"));
    assertThat(chat.checkoutMode()).isEqualTo(StarsCheckoutMode.CHAT);
    assertThat(chat.toString()).doesNotContain(TOKEN).contains("7654321");
  }

  @Test
  void builderNamesWhatIsMissing() {
    assertThatThrownBy(() -> StarsGateway.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bot");
    assertThatThrownBy(() -> StarsGateway.builder().tolerance(Duration.ofHours(2)))
        .hasMessageContaining("tolerance")
        .hasMessageContaining("PT2H");
    StarsGateway gateway = fromSettings(Map.of("bot-token", TOKEN));
    assertThatThrownBy(() -> StarsPayments.builder().gateway(gateway).build())
        .hasMessageContaining("sink");
    assertThatThrownBy(() -> StarsPayments.builder().gateway(gateway).sink((id, n) -> null).build())
        .hasMessageContaining("orders");
    assertThatThrownBy(() -> StarsPayments.builder().retries(0, Duration.ZERO))
        .hasMessageContaining("attempts");
  }

  @Test
  void requestsThatCannotBeAStarsInvoiceAreRefusedBeforeAnyCall() {
    StarsGateway link = fromSettings(Map.of("bot-token", TOKEN, "api-url", "http://127.0.0.1:9/"));
    assertThatThrownBy(() -> link.createCheckout(request("ord_1", Money.of(199, "USD")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XTR")
        .hasMessageContaining("USD");
    assertThatThrownBy(
            () -> link.createCheckout(request("o".repeat(129), Money.of(199, "XTR")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-128 bytes")
        .hasMessageContaining("129");
    assertThatThrownBy(
            () ->
                link.createCheckout(
                    request("ord_2", Money.of(10_001, "XTR")).recurring(true).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000");
    StarsGateway chat =
        StarsGateway.builder().bot(link.bot()).checkoutMode(StarsCheckoutMode.CHAT).build();
    assertThatThrownBy(() -> chat.createCheckout(request("ord_3", Money.of(199, "XTR")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customerId");
    assertThatThrownBy(
            () ->
                chat.createCheckout(
                    request("ord_4", Money.of(199, "XTR")).customerId(5).recurring(true).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LINK");
  }

  @Test
  void refundWithoutAKnownBuyerSaysWhatIsMissing() {
    StarsGateway gateway =
        fromSettings(Map.of("bot-token", TOKEN, "api-url", "http://127.0.0.1:9/"));
    assertThatThrownBy(() -> gateway.refund("stxcharge", Optional.empty(), "k"))
        .isInstanceOf(PaymentProviderException.class)
        .hasMessageContaining("StarsOrders");
  }

  @Test
  void discoveryFindsTheStarsGateway() {
    PaymentGateways gateways =
        PaymentGateways.builder()
            .discover(
                id ->
                    GatewaySettings.of(
                        id, id.equals("stars") ? Map.of("bot-token", TOKEN) : Map.of()))
            .build();
    assertThat(StarsGateway.in(gateways))
        .isPresent()
        .get()
        .satisfies(g -> assertThat(g.supportedCurrencies()).containsExactly("XTR"));
  }
}
