package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentRouterTest {

  private static PaymentGateway gateway(String id, String... currencies) {
    return new PaymentGateway() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Set<String> supportedCurrencies() {
        return Set.of(currencies);
      }

      @Override
      public Checkout createCheckout(CheckoutRequest request) {
        return Checkout.builder()
            .gatewayId(id)
            .orderReference(request.orderReference())
            .providerReference("x")
            .paymentUrl(URI.create("https://pay.example/x"))
            .build();
      }

      @Override
      public VerifiedNotification verify(Notification notification) {
        throw new PaymentVerificationException(
            PaymentVerificationException.Reason.MALFORMED, "test");
      }
    };
  }

  private final PaymentGateways gateways =
      PaymentGateways.builder()
          .add(gateway("stripe", "USD", "EUR"))
          .add(gateway("robokassa", "RUB"))
          .add(gateway("stars", "XTR", "USD"))
          .add(gateway("yoomoney", "RUB"))
          .build();

  private static List<String> ids(List<PaymentGateway> list) {
    return list.stream().map(PaymentGateway::id).toList();
  }

  @Test
  void filtersByCurrencyAndKeepsTheConfiguredOrder() {
    PaymentRouter router =
        PaymentRouter.builder().gateways(gateways).order("stars", "stripe").build();
    assertThat(ids(router.offer(RoutingRequest.of(Money.of(500, "USD"), "en"))))
        .containsExactly("stars", "stripe");
    assertThat(ids(router.offer(RoutingRequest.of(Money.of(500, "RUB"), "ru"))))
        .containsExactly("robokassa", "yoomoney");
    assertThat(router.offer(RoutingRequest.of(Money.of(500, "JPY"), "ja"))).isEmpty();
  }

  @Test
  void languageCountryAndAmountRulesApply() {
    PaymentRouter router =
        PaymentRouter.builder()
            .gateways(gateways)
            .route(
                GatewayRoute.unrestricted("robokassa")
                    .withCountries("RU")
                    .withAmountLimits("RUB", 1000, 100_000))
            .route(GatewayRoute.unrestricted("yoomoney").withLanguages("ru"))
            .build();
    RoutingRequest ru = RoutingRequest.of(Money.of(29900, "RUB"), "RU").inCountry("ru");
    assertThat(ids(router.offer(ru))).containsExactly("robokassa", "yoomoney");
    assertThat(ids(router.offer(RoutingRequest.of(Money.of(29900, "RUB"), "en").inCountry("DE"))))
        .isEmpty();
    assertThat(ids(router.offer(RoutingRequest.of(Money.of(500, "RUB"), "ru").inCountry("RU"))))
        .containsExactly("yoomoney");
  }

  @Test
  void theBuyersChoiceWinsUnlessItCannotTakeThePayment() {
    PaymentRouter router =
        PaymentRouter.builder()
            .gateways(gateways)
            .order("stars", "stripe")
            .route(GatewayRoute.unrestricted("stripe").withCountries("US"))
            .health(id -> !id.equals("yoomoney"))
            .build();
    RoutingRequest usd = RoutingRequest.of(Money.of(500, "USD"), "en").inCountry("DE");
    assertThat(ids(router.offer(usd))).containsExactly("stars");
    // chosen explicitly: wins over the order and its country rule
    assertThat(router.select(usd.choosing("stripe")).map(PaymentGateway::id)).hasValue("stripe");
    // a choice that cannot take USD, or an unhealthy one, is ignored
    assertThat(router.select(usd.choosing("robokassa")).map(PaymentGateway::id)).hasValue("stars");
    assertThat(
            router
                .select(RoutingRequest.of(Money.of(500, "RUB"), "ru").choosing("yoomoney"))
                .map(PaymentGateway::id))
        .hasValue("robokassa");
  }

  @Test
  void buildRefusesUnknownGatewaysNamingThem() {
    assertThatThrownBy(() -> PaymentRouter.builder().gateways(gateways).order("paypal").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'paypal'");
    assertThatThrownBy(
            () -> PaymentRouter.builder().gateways(gateways).order("stars", "stars").build())
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> GatewayRoute.unrestricted("x").withAmountLimits("USD", 10, 5))
        .hasMessageContaining("below its minimum");
  }
}
