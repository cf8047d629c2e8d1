package io.github.remnawaveshop.payments.paypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import java.net.URI;
import java.util.Optional;

/**
 * The JSON of Orders v2 requests and the bits of PayPal's answers this gateway reads. Stateless.
 */
final class OrderJson {
  /** PayPal's limits on purchase unit fields. */
  static final int MAX_CUSTOM_ID = 127;

  static final int MAX_REFERENCE_ID = 256;
  static final int MAX_DESCRIPTION = 127;

  private OrderJson() {}

  /**
   * {@code POST /v2/checkout/orders} body: intent CAPTURE, one purchase unit carrying the order
   * reference as both {@code reference_id} and {@code custom_id} (PayPal echoes {@code custom_id}
   * on every capture and refund), and a PayPal payment source whose experience context sends the
   * buyer back and asks to pay now.
   *
   * @throws IllegalArgumentException when the order reference is longer than PayPal allows
   */
  static String createOrder(
      ObjectMapper json, CheckoutRequest request, URI returnUrl, URI cancelUrl) {
    if (request.orderReference().length() > MAX_CUSTOM_ID) {
      throw new IllegalArgumentException(
          "PayPal takes order references of at most "
              + MAX_CUSTOM_ID
              + " characters (custom_id); was "
              + request.orderReference().length());
    }
    ObjectNode root = json.createObjectNode();
    root.put("intent", "CAPTURE");
    ObjectNode unit = root.putArray("purchase_units").addObject();
    unit.put("reference_id", request.orderReference());
    unit.put("custom_id", request.orderReference());
    unit.put("description", clip(request.description(), MAX_DESCRIPTION));
    unit.set("amount", amount(json, request.amount()));
    ObjectNode context =
        root.putObject("payment_source").putObject("paypal").putObject("experience_context");
    context.put("return_url", returnUrl.toString());
    context.put("cancel_url", cancelUrl.toString());
    context.put("user_action", "PAY_NOW");
    return write(json, root);
  }

  /** {@code POST /v2/payments/captures/{id}/refund} body: empty for a full refund. */
  static String refund(ObjectMapper json, Optional<Money> amount) {
    ObjectNode root = json.createObjectNode();
    amount.ifPresent(a -> root.set("amount", amount(json, a)));
    return write(json, root);
  }

  static ObjectNode amount(ObjectMapper json, Money money) {
    ObjectNode amount = json.createObjectNode();
    amount.put("currency_code", money.currency());
    amount.put("value", PayPalAmounts.format(money));
    return amount;
  }

  /**
   * The link a buyer opens to approve: {@code payer-action} (orders with a payment source), or the
   * older {@code approve}.
   */
  static Optional<String> buyerLink(JsonNode order) {
    Optional<String> payerAction = link(order, "payer-action");
    return payerAction.isPresent() ? payerAction : link(order, "approve");
  }

  /** The {@code href} of the first link with this {@code rel}. */
  static Optional<String> link(JsonNode resource, String rel) {
    for (JsonNode link : resource.path("links")) {
      if (rel.equals(link.path("rel").asText()) && link.path("href").isTextual()) {
        return Optional.of(link.get("href").asText());
      }
    }
    return Optional.empty();
  }

  private static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  private static String write(ObjectMapper json, JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new PaymentProviderException("could not write a PayPal request", 0, null, e);
    }
  }
}
