package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.LabeledPrice;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code createInvoiceLink}: a {@code t.me/$…} link that opens the invoice. With {@code
 * subscriptionPeriod} (always 2592000 s, 30 days) a Stars subscription.
 *
 * @param title 1-32 characters
 * @param description 1-255 characters
 * @param payload 1-128 bytes
 * @param currency ISO 4217 code or {@code XTR}
 * @param prices the price lines
 * @param subscriptionPeriod seconds between Stars subscription charges
 */
public record CreateInvoiceLink(
    String title,
    String description,
    String payload,
    String currency,
    List<LabeledPrice> prices,
    Optional<Integer> subscriptionPeriod)
    implements BotMethod<String> {

  /** The only subscription period Telegram accepts. */
  public static final int THIRTY_DAYS = 2_592_000;

  /** Validates the values. */
  public CreateInvoiceLink {
    SendInvoice.InvoiceRules.check(title, description, payload, currency, prices);
    prices = List.copyOf(prices);
    subscriptionPeriod.ifPresent(
        p -> {
          if (p != THIRTY_DAYS) {
            throw new IllegalArgumentException(
                "subscriptionPeriod must be " + THIRTY_DAYS + " (30 days); was " + p);
          }
        });
  }

  /** A one-off Stars invoice link. */
  public static CreateInvoiceLink stars(
      String title, String description, String payload, long stars) {
    return new CreateInvoiceLink(
        title,
        description,
        payload,
        "XTR",
        List.of(new LabeledPrice(title, stars)),
        Optional.empty());
  }

  @Override
  public String name() {
    return "createInvoiceLink";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("title", title)
        .put("description", description)
        .put("payload", payload)
        .put("provider_token", "")
        .put("currency", currency)
        .put("prices", prices)
        .put("subscription_period", subscriptionPeriod)
        .build();
  }

  @Override
  public ResultType<String> resultType() {
    return ResultType.of(String.class);
  }
}
