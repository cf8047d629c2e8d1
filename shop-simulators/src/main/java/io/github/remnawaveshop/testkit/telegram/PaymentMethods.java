package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * sendInvoice, createInvoiceLink, answerPreCheckoutQuery, refundStarPayment, and the user's side of
 * a payment ({@link #pay}).
 */
final class PaymentMethods {
  static final int STARS_SUBSCRIPTION_PERIOD = 2_592_000;

  private final SimulatorCore core;

  PaymentMethods(SimulatorCore core) {
    this.core = core;
  }

  void register(Map<String, MethodHandler> into) {
    into.put("sendInvoice", this::sendInvoice);
    into.put("createInvoiceLink", this::createInvoiceLink);
    into.put("answerPreCheckoutQuery", this::answerPreCheckoutQuery);
    into.put("refundStarPayment", this::refundStarPayment);
  }

  private JsonNode sendInvoice(RequestParams p) {
    long chatId = p.chatId();
    return core.locked(
        () -> {
          ChatState chat = core.writableChat(chatId);
          if (p.has("subscription_period")) {
            throw ApiError.badRequest("SUBSCRIPTION_PERIOD_INVALID");
          }
          SimulatedInvoice draft =
              invoice(p, OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          core.flood.admit(chatId, true);
          MessageState m = core.newMessage(chat, true, core.botId);
          SimulatedInvoice inv =
              new SimulatedInvoice(
                  draft.title(),
                  draft.description(),
                  draft.payload(),
                  draft.currency(),
                  draft.totalAmount(),
                  OptionalLong.of(chatId),
                  OptionalLong.of(m.messageId),
                  Optional.empty(),
                  OptionalInt.empty());
          m.kind = "invoice";
          m.invoice = inv;
          m.text = inv.title();
          m.formatted = FormattedText.plain("");
          m.keyboard = markup.rows();
          m.replyMarkup = markup.rows().isEmpty() ? null : markup.json();
          m.params = p.fields();
          core.touch();
          return core.json.messageJson(chat, m);
        });
  }

  private JsonNode createInvoiceLink(RequestParams p) {
    return core.locked(
        () -> {
          String link = "https://t.me/$" + core.newId("inv");
          SimulatedInvoice inv =
              invoice(p, OptionalLong.empty(), OptionalLong.empty(), Optional.of(link));
          core.invoiceLinks.put(link, inv);
          core.touch();
          return TextNode.valueOf(link);
        });
  }

  /** Validates the invoice parameters as Telegram does for Stars and other currencies. */
  private SimulatedInvoice invoice(
      RequestParams p, OptionalLong chatId, OptionalLong messageId, Optional<String> link) {
    String title = p.string("title", "");
    String description = p.string("description", "");
    String payload = p.string("payload", "");
    String currency = p.string("currency", "");
    String providerToken = p.string("provider_token", "");
    if (title.isEmpty() || title.length() > 32) {
      throw ApiError.badRequest(title.isEmpty() ? "INVOICE_TITLE_EMPTY" : "INVOICE_TITLE_INVALID");
    }
    if (description.isEmpty() || description.length() > 255) {
      throw ApiError.badRequest(
          description.isEmpty() ? "INVOICE_DESCRIPTION_EMPTY" : "INVOICE_DESCRIPTION_INVALID");
    }
    int payloadBytes = payload.getBytes(StandardCharsets.UTF_8).length;
    if (payloadBytes < 1 || payloadBytes > 128) {
      throw ApiError.badRequest("INVOICE_PAYLOAD_INVALID");
    }
    if (!currency.matches("[A-Z]{3}")) {
      throw ApiError.badRequest("CURRENCY_INVALID");
    }
    JsonNode prices = p.json("prices").orElseThrow(() -> ApiError.badRequest("prices is empty"));
    if (!prices.isArray() || prices.isEmpty()) {
      throw ApiError.badRequest("prices is empty");
    }
    long total = 0;
    for (JsonNode price : prices) {
      if (!price.hasNonNull("label") || !price.path("amount").canConvertToLong()) {
        throw ApiError.badRequest("can't parse prices JSON object");
      }
      total += price.path("amount").asLong();
    }
    OptionalInt period = OptionalInt.empty();
    if (currency.equals("XTR")) {
      if (!providerToken.isEmpty()
          || prices.size() != 1
          || p.has("max_tip_amount")
          || p.has("suggested_tip_amounts")
          || total < 1) {
        throw ApiError.badRequest("STARS_INVOICE_INVALID");
      }
      if (p.has("subscription_period")) {
        long s = p.longValue("subscription_period", 0);
        if (s != STARS_SUBSCRIPTION_PERIOD || total > 10_000) {
          throw ApiError.badRequest("SUBSCRIPTION_PERIOD_INVALID");
        }
        period = OptionalInt.of(STARS_SUBSCRIPTION_PERIOD);
      }
    } else {
      if (providerToken.isEmpty()) {
        throw ApiError.badRequest("PAYMENT_PROVIDER_INVALID");
      }
      if (p.has("subscription_period")) {
        throw ApiError.badRequest("SUBSCRIPTION_PERIOD_INVALID");
      }
      if (total < 1) {
        throw ApiError.badRequest("CURRENCY_TOTAL_AMOUNT_INVALID");
      }
    }
    return new SimulatedInvoice(
        title, description, payload, currency, total, chatId, messageId, link, period);
  }

  private JsonNode answerPreCheckoutQuery(RequestParams p) {
    String id = p.string("pre_checkout_query_id", "");
    boolean ok = p.bool("ok", false);
    String error = p.string("error_message").orElse(null);
    if (!ok && (error == null || error.isEmpty())) {
      throw ApiError.badRequest("ERROR_MESSAGE_EMPTY");
    }
    return core.locked(
        () -> {
          SimulatorCore.PreCheckoutState q = core.preCheckouts.get(id);
          if (q == null || q.answered) {
            throw ApiError.badRequest(
                "query is too old and response timeout expired or query ID is invalid");
          }
          q.answered = true;
          q.ok = ok;
          q.errorMessage = error;
          core.touch();
          return BooleanNode.TRUE;
        });
  }

  private JsonNode refundStarPayment(RequestParams p) {
    long userId = p.longValue("user_id").orElseThrow(() -> ApiError.badRequest("user_id is empty"));
    String chargeId = p.string("telegram_payment_charge_id", "");
    return core.locked(
        () -> {
          SimulatorCore.ChargeState charge = core.charges.get(chargeId);
          if (charge == null || charge.userId != userId) {
            throw ApiError.badRequest("CHARGE_NOT_FOUND");
          }
          if (charge.refunded) {
            throw ApiError.badRequest("CHARGE_ALREADY_REFUNDED");
          }
          charge.refunded = true;
          SimulatedUser user = core.users.get(userId);
          ObjectNode refunded = RequestParams.MAPPER.createObjectNode();
          ObjectNode r = refunded.putObject("refunded_payment");
          r.put("currency", charge.invoice.currency())
              .put("total_amount", charge.invoice.totalAmount())
              .put("invoice_payload", charge.invoice.payload())
              .put("telegram_payment_charge_id", chargeId);
          core.userMessage(user, core.privateChat(user), null, refunded);
          return BooleanNode.TRUE;
        });
  }

  /** The user's side: pre_checkout_query, wait for the answer, then successful_payment. */
  PaymentOutcome pay(SimulatedUser user, SimulatedInvoice invoice) {
    String queryId =
        core.locked(
            () -> {
              String id = core.newId("pcq");
              core.preCheckouts.put(id, new SimulatorCore.PreCheckoutState(id, user.id()));
              ObjectNode q = RequestParams.MAPPER.createObjectNode();
              q.put("id", id);
              q.set("from", core.json.userJson(user));
              q.put("currency", invoice.currency())
                  .put("total_amount", invoice.totalAmount())
                  .put("invoice_payload", invoice.payload());
              core.enqueue("pre_checkout_query", q);
              return id;
            });
    Optional<SimulatorCore.PreCheckoutState> answer =
        core.await(
            () -> {
              SimulatorCore.PreCheckoutState q = core.preCheckouts.get(queryId);
              return q.answered ? Optional.of(q) : Optional.empty();
            },
            core.preCheckoutTimeout);
    if (answer.isEmpty()) {
      core.lockedRun(() -> core.preCheckouts.get(queryId).answered = true);
      return new PaymentOutcome(
          false,
          Optional.of(
              "the bot did not answer the pre_checkout_query within "
                  + core.preCheckoutTimeout.toSeconds()
                  + " s"),
          Optional.empty(),
          Optional.empty(),
          queryId);
    }
    if (!answer.get().ok) {
      return new PaymentOutcome(
          false,
          Optional.ofNullable(answer.get().errorMessage),
          Optional.empty(),
          Optional.empty(),
          queryId);
    }
    return core.locked(
        () -> {
          String chargeId = "stxs" + core.newId("");
          String providerChargeId =
              invoice.currency().equals("XTR") ? "" : "prov_" + core.newId("");
          core.charges.put(chargeId, new SimulatorCore.ChargeState(chargeId, user.id(), invoice));
          ObjectNode extra = RequestParams.MAPPER.createObjectNode();
          ObjectNode s = extra.putObject("successful_payment");
          s.put("currency", invoice.currency())
              .put("total_amount", invoice.totalAmount())
              .put("invoice_payload", invoice.payload());
          if (invoice.subscriptionPeriod().isPresent()) {
            s.put(
                "subscription_expiration_date",
                core.nowSeconds() + invoice.subscriptionPeriod().getAsInt());
            s.put("is_recurring", true).put("is_first_recurring", true);
          }
          s.put("telegram_payment_charge_id", chargeId)
              .put("provider_payment_charge_id", providerChargeId);
          core.userMessage(user, core.privateChat(user), null, extra);
          return new PaymentOutcome(
              true,
              Optional.empty(),
              Optional.of(chargeId),
              Optional.of(providerChargeId),
              queryId);
        });
  }
}
