package io.github.remnawaveshop.payments.robokassa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway writes a 54-FZ receipt (Robokassa's {@code Receipt} parameter) for a checkout
 * that brings none of its own: one item named after the request's description, quantity 1, the full
 * amount.
 *
 * @param taxSystem the shop's taxation system ({@code sno}: {@code osn}, {@code usn_income}, …), or
 *     empty to use the one set in Robokassa
 * @param tax the item's VAT rate ({@code none}, {@code vat0}, {@code vat20}, …)
 * @param paymentMethod the payment method sign ({@code full_payment}, {@code full_prepayment}, …)
 * @param paymentObject the payment object sign ({@code service}, {@code commodity}, …)
 */
record ReceiptTemplate(
    Optional<String> taxSystem, String tax, String paymentMethod, String paymentObject) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Robokassa's limit on an item's name. */
  static final int MAX_NAME = 128;

  ReceiptTemplate {
    Objects.requireNonNull(taxSystem, "taxSystem");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(paymentMethod, "paymentMethod");
    Objects.requireNonNull(paymentObject, "paymentObject");
  }

  /** The receipt JSON (not yet URL-encoded) for a request. */
  String json(CheckoutRequest request) {
    ObjectNode receipt = MAPPER.createObjectNode();
    taxSystem.ifPresent(s -> receipt.put("sno", s));
    String name = request.description();
    if (name.length() > MAX_NAME) {
      name = name.substring(0, MAX_NAME);
    }
    receipt
        .putArray("items")
        .addObject()
        .put("name", name)
        .put("quantity", 1)
        .put("sum", new BigDecimal(request.amount().toDecimalString()))
        .put("payment_method", paymentMethod)
        .put("payment_object", paymentObject)
        .put("tax", tax);
    return receipt.toString();
  }
}
