package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Checkout#builder()}: every part named, what is missing reported by name. */
class CheckoutBuilderTest {
  @Test
  void buildsRedirectAndInvoiceCheckoutsAndRoundTripsThroughToBuilder() {
    Checkout redirect =
        Checkout.builder()
            .gatewayId("stripe")
            .orderReference("ord_1")
            .providerReference("cs_1")
            .paymentUrl(URI.create("https://pay.example/cs_1"))
            .build();
    assertThat(redirect)
        .isEqualTo(
            new Checkout(
                "stripe",
                "ord_1",
                "cs_1",
                Optional.of(URI.create("https://pay.example/cs_1")),
                Map.of()));
    assertThat(redirect.toBuilder().build()).isEqualTo(redirect);

    Checkout invoice =
        Checkout.builder()
            .gatewayId("stars")
            .orderReference("ord_2")
            .providerReference("ord_2")
            .invoice(Map.of("payload", "ord_2"))
            .build();
    assertThat(invoice.paymentUrl()).isEmpty();
    assertThat(invoice.invoice()).containsEntry("payload", "ord_2");
    assertThat(invoice.toBuilder().build()).isEqualTo(invoice);
  }

  @Test
  void namesWhatIsMissing() {
    assertThatThrownBy(() -> Checkout.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gatewayId must be set");
    assertThatThrownBy(() -> Checkout.builder().gatewayId("g").build())
        .hasMessageContaining("orderReference");
    assertThatThrownBy(() -> Checkout.builder().gatewayId("g").orderReference("o").build())
        .hasMessageContaining("providerReference");
    assertThatThrownBy(
            () ->
                Checkout.builder()
                    .gatewayId("g")
                    .orderReference("o")
                    .providerReference("p")
                    .build())
        .hasMessage("a checkout needs a paymentUrl or an invoice");
  }
}
