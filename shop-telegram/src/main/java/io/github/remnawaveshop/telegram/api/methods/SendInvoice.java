package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.LabeledPrice;
import io.github.remnawaveshop.telegram.api.types.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code sendInvoice}. For Telegram Stars use {@link #stars}: currency {@code XTR}, an empty
 * provider token and exactly one price.
 *
 * @param chat the chat id
 * @param title 1-32 characters
 * @param description 1-255 characters
 * @param payload 1-128 bytes, the shop's order reference; not shown to the user
 * @param currency ISO 4217 code or {@code XTR}
 * @param prices the price lines
 * @param providerToken the payment provider's token; empty for Stars
 */
public record SendInvoice(
    long chat,
    String title,
    String description,
    String payload,
    String currency,
    List<LabeledPrice> prices,
    String providerToken)
    implements BotMethod<Message> {

  /** Validates the values. */
  public SendInvoice {
    InvoiceRules.check(title, description, payload, currency, prices);
    prices = List.copyOf(prices);
  }

  /** A Stars invoice of {@code stars} for one item. */
  public static SendInvoice stars(
      long chat, String title, String description, String payload, long stars) {
    return new SendInvoice(
        chat, title, description, payload, "XTR", List.of(new LabeledPrice(title, stars)), "");
  }

  @Override
  public String name() {
    return "sendInvoice";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("title", title)
        .put("description", description)
        .put("payload", payload)
        .put("provider_token", providerToken)
        .put("currency", currency)
        .put("prices", prices)
        .build();
  }

  @Override
  public ResultType<Message> resultType() {
    return ResultType.of(Message.class);
  }

  @Override
  public boolean isOutgoingMessage() {
    return true;
  }

  /** Checks shared by invoices and invoice links. */
  static final class InvoiceRules {
    private InvoiceRules() {}

    static void check(
        String title,
        String description,
        String payload,
        String currency,
        List<LabeledPrice> prices) {
      Params.checkText("title", title, 32);
      Params.checkText("description", description, 255);
      int bytes = payload == null ? 0 : payload.getBytes(StandardCharsets.UTF_8).length;
      if (bytes < 1 || bytes > 128) {
        throw new IllegalArgumentException("payload must be 1-128 bytes; was " + bytes);
      }
      if (currency == null || !currency.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException(
            "currency must be a three-letter code; was '" + currency + "'");
      }
      if (prices == null || prices.isEmpty()) {
        throw new IllegalArgumentException("an invoice needs at least one price");
      }
      if ("XTR".equals(currency) && prices.size() != 1) {
        throw new IllegalArgumentException(
            "a Stars (XTR) invoice takes exactly one price; was " + prices.size());
      }
    }
  }
}
