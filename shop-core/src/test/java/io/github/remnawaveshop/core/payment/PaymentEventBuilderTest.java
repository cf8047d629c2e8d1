package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PaymentEvent#builder()}: every part named, missing and blank ones reported by name. */
class PaymentEventBuilderTest {
  private static PaymentEvent.Builder complete() {
    return PaymentEvent.builder().gatewayId("demopay").type(PaymentEvent.Type.PAID).providerEventId("evt_1")
        .externalPaymentId("pay_1").amount(Money.of(1000, "USD")).occurredAt(Instant.EPOCH);
  }

  @Test
  void buildsWhatTheConstructorBuilds() {
    PaymentEvent event = complete().orderReference("ord_1").attribute("recurring", "true").build();
    assertThat(event).isEqualTo(new PaymentEvent("demopay", PaymentEvent.Type.PAID, "evt_1", Optional.of("ord_1"),
        "pay_1", Money.of(1000, "USD"), Instant.EPOCH, Map.of("recurring", "true")));
    assertThat(event.toBuilder().build()).isEqualTo(event);
    assertThat(complete().build().orderReference()).isEmpty();
  }

  @Test
  void namesWhatIsMissingOrBlank() {
    assertThatThrownBy(() -> PaymentEvent.builder().gatewayId("demopay").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("type must be set");
    assertThatThrownBy(() -> complete().providerEventId(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("providerEventId must not be blank; was ' '");
  }
}
