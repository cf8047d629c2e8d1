package io.github.remnawaveshop.payments.paypal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * PayPal's online webhook check, {@code POST /v1/notifications/verify-webhook-signature}. The event
 * goes into {@code webhook_event} as the raw body text, byte for byte, not re-serialized: PayPal
 * checks the signature over what it sent, and a re-encoded number or escape would make a genuine
 * event fail. Thread-safe.
 */
final class OnlineVerifier {
  private final PayPalApi api;
  private final ObjectMapper json;
  private final String webhookId;

  OnlineVerifier(PayPalApi api, ObjectMapper json, String webhookId) {
    this.api = api;
    this.json = json;
    this.webhookId = webhookId;
  }

  /**
   * Asks PayPal, or throws.
   *
   * @param rawBody the body text, already checked to be a JSON object
   * @throws PaymentVerificationException {@code REJECTED_BY_PROVIDER} when PayPal answers anything
   *     but {@code SUCCESS} or cannot be asked
   */
  void verify(WebhookHeaders headers, String rawBody) {
    JsonNode answer;
    try {
      answer =
          api.postJson(
              api.url("v1/notifications/verify-webhook-signature"),
              requestBody(headers, rawBody),
              Optional.empty());
    } catch (PaymentProviderException e) {
      throw new PaymentVerificationException(
          Reason.REJECTED_BY_PROVIDER,
          "PayPal webhook could not be verified with PayPal: " + e.getMessage(),
          e);
    }
    String status = answer.path("verification_status").asText("");
    if (!"SUCCESS".equals(status)) {
      throw new PaymentVerificationException(
          Reason.REJECTED_BY_PROVIDER,
          "PayPal says the webhook signature is not valid (verification_status "
              + (status.isEmpty() ? "absent" : status)
              + ")");
    }
  }

  String requestBody(WebhookHeaders headers, String rawBody) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = json.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("auth_algo", headers.authAlgo());
      g.writeStringField("cert_url", headers.certUrl());
      g.writeStringField("transmission_id", headers.transmissionId());
      g.writeStringField("transmission_sig", headers.transmissionSig());
      g.writeStringField("transmission_time", headers.transmissionTime());
      g.writeStringField("webhook_id", webhookId);
      g.writeFieldName("webhook_event");
      g.writeRawValue(rawBody.strip());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }
}
