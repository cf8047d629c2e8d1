package io.github.remnawaveshop.payments.stripe;

import static io.github.remnawaveshop.payments.stripe.StripeFixtures.SECRET_KEY;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.formFields;
import static io.github.remnawaveshop.payments.stripe.StripeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.RecurringCapability;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.RefundCapability.RefundResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeRefundTest {
  private static final String REFUND =
      "{\"id\": \"re_3Test\", \"object\": \"refund\", \"amount\": 300,"
          + " \"currency\": \"usd\", \"payment_intent\": \"pi_3Test\", \"status\": \"succeeded\"}";

  private MockWebServer server;
  private StripeGateway stripe;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    stripe = StripeFixtures.gateway(server).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    return r;
  }

  @Test
  void refundIsACapabilityFoundThroughTheSpi() throws Exception {
    PaymentGateway gateway = stripe;
    server.enqueue(json(200, REFUND));

    RefundResult result =
        gateway
            .capability(RefundCapability.class)
            .orElseThrow()
            .refund("pi_3Test", Optional.of(Money.of(300, "USD")), "refund-order-42-1");

    assertThat(result).isEqualTo(new RefundResult("re_3Test", "succeeded"));
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/refunds");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
    assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("refund-order-42-1");
    assertThat(formFields(r))
        .containsExactly(Map.entry("payment_intent", "pi_3Test"), Map.entry("amount", "300"));
  }

  @Test
  void fullRefundWithReasonAndMetadata() throws Exception {
    server.enqueue(json(200, REFUND.replace("succeeded", "pending")));

    RefundResult result =
        stripe.refund(
            "ch_3Test",
            Optional.empty(),
            "refund-2",
            Optional.of(StripeRefundReason.REQUESTED_BY_CUSTOMER),
            Map.of("order_reference", "order-42", "admin", "7"));

    assertThat(result.status()).isEqualTo("pending");
    assertThat(formFields(take()))
        .containsExactly(
            Map.entry("charge", "ch_3Test"),
            Map.entry("reason", "requested_by_customer"),
            Map.entry("metadata[admin]", "7"),
            Map.entry("metadata[order_reference]", "order-42"));
  }

  @Test
  void invoicePaymentIsLookedUpThenRefundedByItsPaymentIntent() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"id\": \"in_1Renewal\", \"object\": \"invoice\", \"payments\": {\"object\": \"list\","
                + " \"data\": [{\"object\": \"invoice_payment\", \"status\": \"canceled\", \"payment\": {\"type\": \"payment_intent\","
                + " \"payment_intent\": \"pi_Abandoned\"}}, {\"object\": \"invoice_payment\", \"status\": \"paid\","
                + " \"payment\": {\"type\": \"payment_intent\", \"payment_intent\": \"pi_3Inv\"}}]}}"));
    server.enqueue(json(200, REFUND));
    server.enqueue(
        json(
            200,
            "{\"id\": \"in_1Old\", \"object\": \"invoice\", \"payment_intent\": \"pi_3Old\"}"));
    server.enqueue(json(200, REFUND));

    stripe.refund("in_1Renewal", Optional.empty(), "refund-3");
    stripe.refund("in_1Old", Optional.of(Money.of(500, "EUR")), "refund-4");

    RecordedRequest lookup = take();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getUrl().encodedPath()).isEqualTo("/v1/invoices/in_1Renewal");
    assertThat(lookup.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
    RecordedRequest refund = take();
    assertThat(refund.getHeaders().get("Idempotency-Key")).isEqualTo("refund-3");
    assertThat(formFields(refund)).containsExactly(Map.entry("payment_intent", "pi_3Inv"));
    take();
    assertThat(formFields(take()))
        .containsExactly(Map.entry("payment_intent", "pi_3Old"), Map.entry("amount", "500"));
  }

  @Test
  void invoiceOfTheBasilApiWithoutPaymentsIsResolvedThroughInvoicePayments() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"id\": \"in_1Basil\", \"object\": \"invoice\", \"status\": \"paid\","
                + " \"parent\": {\"type\": \"subscription_details\"}}"));
    server.enqueue(
        json(
            200,
            "{\"object\": \"list\", \"data\": [{\"object\": \"invoice_payment\","
                + " \"invoice\": \"in_1Basil\", \"status\": \"paid\", \"payment\": {\"type\": \"payment_intent\","
                + " \"payment_intent\": \"pi_3Basil\"}}], \"has_more\": false}"));
    server.enqueue(json(200, REFUND));

    stripe.refund("in_1Basil", Optional.empty(), "refund-6");

    assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/invoices/in_1Basil");
    RecordedRequest list = take();
    assertThat(list.getMethod()).isEqualTo("GET");
    assertThat(list.getUrl().encodedPath()).isEqualTo("/v1/invoice_payments");
    assertThat(list.getUrl().queryParameter("invoice")).isEqualTo("in_1Basil");
    assertThat(formFields(take())).containsExactly(Map.entry("payment_intent", "pi_3Basil"));
  }

  @Test
  void invoiceWithNothingToRefundIsAProviderError() {
    server.enqueue(
        json(200, "{\"id\": \"in_1Free\", \"object\": \"invoice\", \"payments\": {\"data\": []}}"));

    assertThatThrownBy(() -> stripe.refund("in_1Free", Optional.empty(), "refund-7"))
        .isInstanceOf(PaymentProviderException.class)
        .hasMessageContaining("in_1Free");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refusedRefundIsAProviderError() {
    server.enqueue(
        json(
            400,
            "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"charge_already_refunded\","
                + " \"message\": \"Charge ch_3Test has already been refunded.\"}}"));

    assertThatThrownBy(() -> stripe.refund("pi_3Test", Optional.empty(), "refund-5"))
        .isInstanceOfSatisfying(
            PaymentProviderException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.providerCode()).contains("charge_already_refunded");
            });
  }

  @Test
  void badArgumentsAreRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> stripe.refund("cs_test_a1", Optional.empty(), "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cs_test_a1");
    assertThatThrownBy(() -> stripe.refund("pi_3Test", Optional.of(Money.of(1, "RUB")), "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RUB");
    assertThatThrownBy(() -> stripe.refund("pi_3Test", Optional.empty(), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idempotencyKey");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void cancelRenewalStopsTheSubscriptionAtPeriodEnd() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"id\": \"sub_1Abc\", \"object\": \"subscription\", \"cancel_at_period_end\": true}"));
    RecurringCapability recurring =
        ((PaymentGateway) stripe).capability(RecurringCapability.class).orElseThrow();

    recurring.cancelRenewal("sub_1Abc");

    assertThat(recurring.providerSchedulesRenewals()).isTrue();
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/subscriptions/sub_1Abc");
    assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("cancel-renewal-sub_1Abc");
    assertThat(formFields(r)).containsExactly(Map.entry("cancel_at_period_end", "true"));
    assertThatThrownBy(() -> recurring.cancelRenewal("../v1/customers"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
