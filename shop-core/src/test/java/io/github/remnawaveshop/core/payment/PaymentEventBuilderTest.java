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
    return PaymentEvent.builder()
        .gatewayId("demopay")
        .type(PaymentEvent.Type.PAID)
        .providerEventId("evt_1")
        .externalPaymentId("pay_1")
        .amount(Money.of(1000, "USD"))
        .occurredAt(Instant.EPOCH);
  }

  @Test
  void buildsWhatTheConstructorBuilds() {
    PaymentEvent event =
        complete()
            .orderReference("ord_1")
            .recurring(true)
            .providerSubscriptionId("sub_1")
            .attribute("session_id", "cs_1")
            .build();
    assertThat(event)
        .isEqualTo(
            new PaymentEvent(
                "demopay",
                PaymentEvent.Type.PAID,
                "evt_1",
                Optional.of("ord_1"),
                "pay_1",
                Money.of(1000, "USD"),
                Instant.EPOCH,
                true,
                Optional.of("sub_1"),
                false,
                Map.of("session_id", "cs_1")));
    assertThat(event.toBuilder().build()).isEqualTo(event);
    PaymentEvent plain = complete().build();
    assertThat(plain.orderReference()).isEmpty();
    assertThat(plain.recurring()).isFalse();
    assertThat(plain.providerSubscriptionId()).isEmpty();
    assertThat(plain.runningRefundTotal()).isFalse();
    PaymentEvent refund =
        complete().type(PaymentEvent.Type.REFUNDED).runningRefundTotal(true).build();
    assertThat(refund.toBuilder().build()).isEqualTo(refund);
    assertThat(refund.runningRefundTotal()).isTrue();
  }

  @Test
  void refusesARunningTotalOutsideARefundAndABlankSubscriptionId() {
    assertThatThrownBy(() -> complete().runningRefundTotal(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runningRefundTotal is only meaningful on a REFUNDED event; type was PAID");
    assertThatThrownBy(() -> complete().providerSubscriptionId(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("providerSubscriptionId must not be blank when present; was ' '");
  }

  @Test
  void namesWhatIsMissingOrBlank() {
    assertThatThrownBy(() -> PaymentEvent.builder().gatewayId("demopay").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("type must be set");
    assertThatThrownBy(() -> complete().providerEventId(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("providerEventId must not be blank; was ' '");
  }
}
