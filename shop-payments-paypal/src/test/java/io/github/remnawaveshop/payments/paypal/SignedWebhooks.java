package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Builds PayPal webhook deliveries signed the way PayPal signs them, computed here from the
 * documented message format with the JDK's CRC32 and {@code Signature}, not with the gateway's
 * code.
 */
final class SignedWebhooks {
  private SignedWebhooks() {}

  static String message(String transmissionId, String time, String webhookId, byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return transmissionId
        + "|"
        + time
        + "|"
        + webhookId
        + "|"
        + Long.toUnsignedString(crc.getValue());
  }

  static Map<String, String> headers(
      TestCertificate signer,
      String certUrl,
      String transmissionId,
      Instant time,
      String webhookId,
      byte[] body) {
    String t = time.toString();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
    h.put("PAYPAL-CERT-URL", certUrl);
    h.put("PAYPAL-TRANSMISSION-ID", transmissionId);
    h.put("PAYPAL-TRANSMISSION-SIG", signer.sign(message(transmissionId, t, webhookId, body)));
    h.put("PAYPAL-TRANSMISSION-TIME", t);
    return h;
  }

  static Notification signed(TestCertificate signer, String certUrl, Instant time, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return Notification.post(
        headers(
            signer,
            certUrl,
            "b2a8ce20-0000-11ef-" + Math.abs(body.hashCode()),
            time,
            FakePayPal.WEBHOOK_ID,
            bytes),
        bytes);
  }

  static Notification withHeader(Notification n, String name, String value) {
    Map<String, String> h = new LinkedHashMap<>();
    n.headers().forEach((k, v) -> h.put(k, v.get(0)));
    h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    if (value != null) {
      h.put(name, value);
    }
    return Notification.post(h, n.body());
  }

  static Notification withBody(Notification n, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    n.headers().forEach((k, v) -> h.put(k, v.get(0)));
    return Notification.post(h, body.getBytes(StandardCharsets.UTF_8));
  }
}
