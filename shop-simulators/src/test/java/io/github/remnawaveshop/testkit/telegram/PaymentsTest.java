package io.github.remnawaveshop.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentsTest {
  private final BotApiSimulator sim =
      BotApiSimulator.builder().preCheckoutTimeout(Duration.ofSeconds(5)).build();
  private final Wire bot = new Wire(sim);

  @AfterEach
  void close() {
    sim.close();
  }

  private Wire.Reply invoice(long chat, Object... overrides) {
    Map<String, Object> p =
        new java.util.LinkedHashMap<>(
            Map.of(
                "chat_id",
                chat,
                "title",
                "Basic 30 days",
                "description",
                "VPN for a month",
                "payload",
                "order:1",
                "currency",
                "XTR",
                "provider_token",
                "",
                "prices",
                List.of(Map.of("label", "Basic", "amount", 100))));
    for (int k = 0; k < overrides.length; k += 2) {
      p.put((String) overrides[k], overrides[k + 1]);
    }
    Object[] kv =
        p.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
            .toArray();
    return bot.call("sendInvoice", kv);
  }

  /** The bot's side: polls once for a pre_checkout_query and answers it. */
  private CompletableFuture<JsonNode> answerNextPreCheckout(boolean ok, String error) {
    return CompletableFuture.supplyAsync(
        () -> {
          long offset = 0;
          while (true) {
            JsonNode updates = bot.call("getUpdates", "offset", offset, "timeout", 5).result();
            for (JsonNode u : updates) {
              offset = u.get("update_id").asLong() + 1;
              if (u.has("pre_checkout_query")) {
                JsonNode q = u.get("pre_checkout_query");
                if (ok) {
                  bot.call(
                          "answerPreCheckoutQuery",
                          "pre_checkout_query_id",
                          q.get("id").asText(),
                          "ok",
                          true)
                      .result();
                } else {
                  bot.call(
                          "answerPreCheckoutQuery",
                          "pre_checkout_query_id",
                          q.get("id").asText(),
                          "ok",
                          false,
                          "error_message",
                          error)
                      .result();
                }
                return q;
              }
            }
          }
        });
  }

  @Test
  void sendInvoiceValidatesStarsRules() {
    sim.user(42);
    assertThat(invoice(42, "provider_token", "tok").description())
        .isEqualTo("Bad Request: STARS_INVOICE_INVALID");
    assertThat(
            invoice(
                    42,
                    "prices",
                    List.of(Map.of("label", "a", "amount", 1), Map.of("label", "b", "amount", 2)))
                .description())
        .isEqualTo("Bad Request: STARS_INVOICE_INVALID");
    assertThat(invoice(42, "payload", "").description())
        .isEqualTo("Bad Request: INVOICE_PAYLOAD_INVALID");
    assertThat(invoice(42, "payload", "p".repeat(129)).description())
        .isEqualTo("Bad Request: INVOICE_PAYLOAD_INVALID");
    JsonNode m = invoice(42).result();
    assertThat(m.at("/invoice/currency").asText()).isEqualTo("XTR");
    assertThat(m.at("/invoice/total_amount").asLong()).isEqualTo(100);
    SimulatedInvoice inv = sim.chat(42).invoices().get(0);
    assertThat(inv.payload()).isEqualTo("order:1");
    assertThat(inv.messageId()).hasValue(m.get("message_id").asLong());
  }

  @Test
  void anApprovedPaymentSendsSuccessfulPaymentAndCanBeRefundedOnce() throws Exception {
    SimulatedUser u = sim.user(42);
    invoice(42).result();
    SimulatedInvoice inv = sim.chat(42).invoices().get(0);
    CompletableFuture<JsonNode> botSide = answerNextPreCheckout(true, null);
    PaymentOutcome outcome = u.pays(inv);
    JsonNode query = botSide.get(5, TimeUnit.SECONDS);
    assertThat(query.get("invoice_payload").asText()).isEqualTo("order:1");
    assertThat(query.get("total_amount").asLong()).isEqualTo(100);
    assertThat(query.at("/from/id").asLong()).isEqualTo(42);
    assertThat(outcome.approved()).isTrue();
    String charge = outcome.chargeId();

    JsonNode updates = bot.call("getUpdates").result();
    JsonNode paid = updates.get(updates.size() - 1).at("/message/successful_payment");
    assertThat(paid.get("currency").asText()).isEqualTo("XTR");
    assertThat(paid.get("total_amount").asLong()).isEqualTo(100);
    assertThat(paid.get("invoice_payload").asText()).isEqualTo("order:1");
    assertThat(paid.get("telegram_payment_charge_id").asText()).isEqualTo(charge);
    assertThat(paid.has("provider_payment_charge_id")).isTrue();

    long offset = updates.get(updates.size() - 1).get("update_id").asLong() + 1;
    assertThat(
            bot.call("refundStarPayment", "user_id", 42, "telegram_payment_charge_id", charge)
                .result()
                .asBoolean())
        .isTrue();
    JsonNode refunded =
        bot.call("getUpdates", "offset", offset).result().get(0).at("/message/refunded_payment");
    assertThat(refunded.get("telegram_payment_charge_id").asText()).isEqualTo(charge);
    assertThat(refunded.get("total_amount").asLong()).isEqualTo(100);
    assertThat(sim.refundedCharges()).containsExactly(charge);
    assertThat(
            bot.call("refundStarPayment", "user_id", 42, "telegram_payment_charge_id", charge)
                .description())
        .isEqualTo("Bad Request: CHARGE_ALREADY_REFUNDED");
    assertThat(
            bot.call("refundStarPayment", "user_id", 42, "telegram_payment_charge_id", "nope")
                .description())
        .isEqualTo("Bad Request: CHARGE_NOT_FOUND");
  }

  @Test
  void chargeIdsAreUnique() throws Exception {
    SimulatedUser u = sim.user(42);
    invoice(42).result();
    SimulatedInvoice inv = sim.chat(42).invoices().get(0);
    CompletableFuture<JsonNode> first = answerNextPreCheckout(true, null);
    String a = u.pays(inv).chargeId();
    first.get(5, TimeUnit.SECONDS);
    bot.call("getUpdates", "offset", -1);
    CompletableFuture<JsonNode> second = answerNextPreCheckout(true, null);
    String b = u.pays(inv).chargeId();
    second.get(5, TimeUnit.SECONDS);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void aDeclinedPaymentCarriesTheBotsErrorMessage() throws Exception {
    SimulatedUser u = sim.user(42);
    invoice(42).result();
    CompletableFuture<JsonNode> botSide = answerNextPreCheckout(false, "Sold out");
    PaymentOutcome outcome = u.pays(sim.chat(42).invoices().get(0));
    botSide.get(5, TimeUnit.SECONDS);
    assertThat(outcome.approved()).isFalse();
    assertThat(outcome.errorMessage()).contains("Sold out");
    assertThat(outcome.telegramPaymentChargeId()).isEmpty();
  }

  @Test
  void anUnansweredPreCheckoutIsDeclinedAfterTheTimeout() {
    try (BotApiSimulator quick =
        BotApiSimulator.builder().preCheckoutTimeout(Duration.ofMillis(200)).build()) {
      SimulatedUser u = quick.user(42);
      new Wire(quick)
          .call(
              "sendInvoice",
              "chat_id",
              42,
              "title",
              "t",
              "description",
              "d",
              "payload",
              "p",
              "currency",
              "XTR",
              "prices",
              List.of(Map.of("label", "x", "amount", 5)))
          .result();
      PaymentOutcome outcome = u.pays(quick.chat(42).invoices().get(0));
      assertThat(outcome.approved()).isFalse();
      assertThat(outcome.errorMessage().orElseThrow()).contains("did not answer");
    }
  }

  @Test
  void invoiceLinksCanBePaid() throws Exception {
    String link =
        bot.call(
                "createInvoiceLink",
                "title",
                "Pro",
                "description",
                "Pro plan",
                "payload",
                "sub:pro",
                "currency",
                "XTR",
                "prices",
                List.of(Map.of("label", "Pro", "amount", 250)),
                "subscription_period",
                2592000)
            .result()
            .asText();
    assertThat(link).startsWith("https://t.me/$");
    SimulatedInvoice inv = sim.invoiceLink(link);
    assertThat(inv.totalAmount()).isEqualTo(250);
    assertThat(inv.subscriptionPeriod()).hasValue(2592000);
    assertThat(
            bot.call(
                    "createInvoiceLink",
                    "title",
                    "Pro",
                    "description",
                    "Pro plan",
                    "payload",
                    "x",
                    "currency",
                    "XTR",
                    "prices",
                    List.of(Map.of("label", "Pro", "amount", 250)),
                    "subscription_period",
                    100)
                .description())
        .isEqualTo("Bad Request: SUBSCRIPTION_PERIOD_INVALID");

    SimulatedUser u = sim.user(7);
    CompletableFuture<JsonNode> botSide = answerNextPreCheckout(true, null);
    assertThat(u.pays(inv).approved()).isTrue();
    botSide.get(5, TimeUnit.SECONDS);
    JsonNode updates = bot.call("getUpdates").result();
    JsonNode paid = updates.get(updates.size() - 1).at("/message/successful_payment");
    assertThat(paid.get("is_recurring").asBoolean()).isTrue();
    assertThat(paid.has("subscription_expiration_date")).isTrue();
  }
}
