package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.NOW;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.charge;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.event;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.paymentSession;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.renewalInvoice;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.signed;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.subscriptionSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentEvent.Type;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeEventsTest {
  private StripeGateway stripe;

  @BeforeEach
  void start() {
    stripe = StripeFixtures.gateway().build();
  }

  private PaymentEvent paymentOf(String body) {
    VerifiedNotification v = stripe.verify(signed(body));
    assertThat(v.event()).as("a payment fact").isPresent();
    assertThat(v.reply().status()).isEqualTo(200);
    return v.event().get();
  }

  @Test
  void paidCompletedSessionCreditsThePaymentIntent() {
    PaymentEvent e =
        paymentOf(event("evt_1Paid", "checkout.session.completed", paymentSession("paid")));

    assertThat(e.gatewayId()).isEqualTo("stripe");
    assertThat(e.type()).isEqualTo(Type.PAID);
    assertThat(e.providerEventId()).isEqualTo("evt_1Paid");
    assertThat(e.orderReference()).contains("order-42");
    assertThat(e.externalPaymentId()).isEqualTo("pi_3Test");
    assertThat(e.amount()).isEqualTo(Money.of(999, "USD"));
    assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(NOW - 2));
    assertThat(e.attributes())
        .containsEntry("session_id", "cs_test_a1")
        .containsEntry("livemode", "false");
    assertThat(e.recurring()).isFalse();
    assertThat(e.providerSubscriptionId()).isEmpty();
  }

  @Test
  void unpaidOrFreeCompletedSessionIsGenuineButCreditsNothing() {
    VerifiedNotification pending =
        stripe.verify(
            signed(event("evt_1Pending", "checkout.session.completed", paymentSession("unpaid"))));
    VerifiedNotification free =
        stripe.verify(
            signed(
                event(
                    "evt_1Free",
                    "checkout.session.completed",
                    paymentSession("no_payment_required"))));

    assertThat(pending.event()).isEmpty();
    assertThat(pending.providerEventId()).isEqualTo("evt_1Pending");
    assertThat(pending.reply().status()).isEqualTo(200);
    assertThat(free.event()).isEmpty();
  }

  @Test
  void asyncPaymentSucceededCreditsTheSamePaymentAsAPaidCompletion() {
    PaymentEvent async =
        paymentOf(
            event(
                "evt_1Async", "checkout.session.async_payment_succeeded", paymentSession("paid")));
    PaymentEvent sync =
        paymentOf(event("evt_1Paid", "checkout.session.completed", paymentSession("paid")));

    assertThat(async.type()).isEqualTo(Type.PAID);
    assertThat(async.externalPaymentId()).isEqualTo(sync.externalPaymentId());
    assertThat(async.amount()).isEqualTo(sync.amount());
  }

  @Test
  void asyncPaymentFailedIsAFailure() {
    PaymentEvent e =
        paymentOf(
            event(
                "evt_1Failed", "checkout.session.async_payment_failed", paymentSession("unpaid")));

    assertThat(e.type()).isEqualTo(Type.FAILED);
    assertThat(e.externalPaymentId()).isEqualTo("pi_3Test");
    assertThat(e.orderReference()).contains("order-42");
  }

  @Test
  void orderReferenceFallsBackToMetadata() {
    String session =
        paymentSession("paid")
            .replace("\"client_reference_id\": \"order-42\"", "\"client_reference_id\": null");
    assertThat(
            paymentOf(event("evt_1Meta", "checkout.session.completed", session)).orderReference())
        .contains("order-42");
  }

  @Test
  void refundMatchesThePaidPaymentAndCarriesTheCumulativeAmount() {
    PaymentEvent paid =
        paymentOf(event("evt_1Paid", "checkout.session.completed", paymentSession("paid")));
    PaymentEvent partial = paymentOf(event("evt_1Refund", "charge.refunded", charge(300, false)));
    PaymentEvent full = paymentOf(event("evt_2Refund", "charge.refunded", charge(999, true)));

    assertThat(partial.type()).isEqualTo(Type.REFUNDED);
    assertThat(partial.externalPaymentId()).isEqualTo(paid.externalPaymentId());
    assertThat(partial.amount()).isEqualTo(Money.of(300, "USD"));
    assertThat(partial.orderReference()).contains("order-42");
    assertThat(partial.attributes())
        .containsEntry("charge_id", "ch_3Test")
        .containsEntry("fully_refunded", "false");
    assertThat(partial.runningRefundTotal()).isTrue();
    assertThat(full.amount()).isEqualTo(Money.of(999, "USD"));
    assertThat(full.runningRefundTotal()).isTrue();
    assertThat(full.attributes()).containsEntry("fully_refunded", "true");
  }

  @Test
  void subscriptionCheckoutCreditsTheFirstInvoiceAndNamesTheSubscription() {
    PaymentEvent e =
        paymentOf(event("evt_1Sub", "checkout.session.completed", subscriptionSession()));

    assertThat(e.type()).isEqualTo(Type.PAID);
    assertThat(e.externalPaymentId()).isEqualTo("in_1First");
    assertThat(e.amount()).isEqualTo(Money.of(1500, "EUR"));
    assertThat(e.orderReference()).contains("order-77");
    assertThat(e.recurring()).isTrue();
    assertThat(e.providerSubscriptionId()).contains("sub_1Abc");
  }

  @Test
  void firstInvoiceOfASubscriptionIsLeftToTheSessionEvents() {
    VerifiedNotification v =
        stripe.verify(
            signed(
                event(
                    "evt_1Inv",
                    "invoice.paid",
                    renewalInvoice("subscription_create").replace("in_1Renewal", "in_1First"))));
    assertThat(v.event()).isEmpty();
    assertThat(v.reply().status()).isEqualTo(200);
  }

  @Test
  void renewalInvoiceIsARecurringPayment() {
    PaymentEvent e =
        paymentOf(event("evt_1Renew", "invoice.paid", renewalInvoice("subscription_cycle")));

    assertThat(e.type()).isEqualTo(Type.PAID);
    assertThat(e.externalPaymentId()).isEqualTo("in_1Renewal");
    assertThat(e.amount()).isEqualTo(Money.of(1500, "EUR"));
    assertThat(e.orderReference()).contains("order-77");
    assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(NOW - 60));
    assertThat(e.recurring()).isTrue();
    assertThat(e.providerSubscriptionId()).contains("sub_1Abc");
    assertThat(e.attributes()).containsEntry("billing_reason", "subscription_cycle");
  }

  @Test
  void renewalInvoiceInTheOlderApiShapeIsUnderstoodToo() {
    String invoice =
        "{\"id\": \"in_1Old\", \"object\": \"invoice\", \"amount_paid\": 1500,"
            + " \"billing_reason\": \"subscription_cycle\", \"currency\": \"eur\", \"subscription\": \"sub_1Abc\","
            + " \"subscription_details\": {\"metadata\": {\"order_reference\": \"order-77\"}},"
            + " \"payment_intent\": \"pi_3Inv\", \"status_transitions\": {\"paid_at\": null}}";
    PaymentEvent e = paymentOf(event("evt_1Old", "invoice.paid", invoice));

    assertThat(e.externalPaymentId()).isEqualTo("in_1Old");
    assertThat(e.orderReference()).contains("order-77");
    assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(NOW - 2));
    assertThat(e.providerSubscriptionId()).contains("sub_1Abc");
  }

  @Test
  void invoiceWithoutSubscriptionOrWithNothingPaidIsIgnored() {
    String oneOff =
        "{\"id\": \"in_1OneOff\", \"object\": \"invoice\", \"amount_paid\": 500,"
            + " \"billing_reason\": \"manual\", \"currency\": \"usd\", \"subscription\": null}";
    String zero =
        renewalInvoice("subscription_cycle").replace("\"amount_paid\": 1500", "\"amount_paid\": 0");

    assertThat(stripe.verify(signed(event("evt_1OneOff", "invoice.paid", oneOff))).event())
        .isEmpty();
    assertThat(stripe.verify(signed(event("evt_1Zero", "invoice.paid", zero))).event()).isEmpty();
  }

  @Test
  void otherEventTypesAreAcknowledgedAndIgnored() {
    VerifiedNotification v =
        stripe.verify(
            signed(
                event(
                    "evt_1Other",
                    "customer.created",
                    "{\"id\": \"cus_1\", \"object\": \"customer\"}")));

    assertThat(v.event()).isEmpty();
    assertThat(v.eventType()).isEqualTo("customer.created");
    assertThat(v.providerEventId()).isEqualTo("evt_1Other");
    assertThat(v.reply().status()).isEqualTo(200);
  }

  @Test
  void zeroDecimalAndIskAmountsComeBackAsMoney() {
    String yen =
        paymentSession("paid")
            .replace("\"amount_total\": 999", "\"amount_total\": 500")
            .replace("\"currency\": \"usd\"", "\"currency\": \"jpy\"");
    String krona =
        paymentSession("paid")
            .replace("\"amount_total\": 999", "\"amount_total\": 50000")
            .replace("\"currency\": \"usd\"", "\"currency\": \"isk\"");

    assertThat(paymentOf(event("evt_1Jpy", "checkout.session.completed", yen)).amount())
        .isEqualTo(Money.of(500, "JPY"));
    assertThat(paymentOf(event("evt_1Isk", "checkout.session.completed", krona)).amount())
        .isEqualTo(Money.of(500, "ISK"));
  }

  @Test
  void authenticEventWithMissingFieldsIsMalformed() {
    String noAmount = paymentSession("paid").replace("\"amount_total\": 999,", "");
    String noIntent =
        paymentSession("paid")
            .replace("\"payment_intent\": \"pi_3Test\"", "\"payment_intent\": null");
    String wrongObject = charge(100, false);

    for (String object : new String[] {noAmount, noIntent, wrongObject}) {
      PaymentVerificationException e =
          catchThrowableOfType(
              PaymentVerificationException.class,
              () -> stripe.verify(signed(event("evt_1Bad", "checkout.session.completed", object))));
      assertThat(e.reason()).as(object).isEqualTo(Reason.MALFORMED);
      assertThat(e.getMessage()).contains("evt_1Bad");
    }
  }
}
