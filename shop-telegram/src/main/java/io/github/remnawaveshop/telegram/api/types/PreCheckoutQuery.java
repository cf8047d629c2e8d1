package io.github.remnawaveshop.telegram.api.types;

/**
 * The last step before a payment: answer within 10 seconds with {@code answerPreCheckoutQuery}.
 *
 * @param id the query id
 * @param from the buyer
 * @param currency the currency ({@code XTR} for Stars)
 * @param totalAmount the amount in the smallest units
 * @param invoicePayload the invoice's payload (the shop's order reference)
 */
public record PreCheckoutQuery(
    String id, User from, String currency, long totalAmount, String invoicePayload) {
  /** Checks the required parts. */
  public PreCheckoutQuery {
    Types.required(id, "pre_checkout_query.id");
    Types.required(from, "pre_checkout_query.from");
    Types.required(currency, "pre_checkout_query.currency");
    invoicePayload = invoicePayload == null ? "" : invoicePayload;
  }
}
