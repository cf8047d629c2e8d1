package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transmission headers PayPal signs a webhook with.
 *
 * @param authAlgo {@code PAYPAL-AUTH-ALGO}, e.g. {@code SHA256withRSA}
 * @param certUrl {@code PAYPAL-CERT-URL}
 * @param transmissionId {@code PAYPAL-TRANSMISSION-ID}
 * @param transmissionSig {@code PAYPAL-TRANSMISSION-SIG}, base64
 * @param transmissionTime {@code PAYPAL-TRANSMISSION-TIME}, ISO-8601
 */
record WebhookHeaders(
    String authAlgo,
    String certUrl,
    String transmissionId,
    String transmissionSig,
    String transmissionTime) {

  static final String AUTH_ALGO = "PAYPAL-AUTH-ALGO";
  static final String CERT_URL = "PAYPAL-CERT-URL";
  static final String TRANSMISSION_ID = "PAYPAL-TRANSMISSION-ID";
  static final String TRANSMISSION_SIG = "PAYPAL-TRANSMISSION-SIG";
  static final String TRANSMISSION_TIME = "PAYPAL-TRANSMISSION-TIME";

  /**
   * Reads all five headers.
   *
   * @throws PaymentVerificationException {@code MISSING_SIGNATURE} naming every absent header
   */
  static WebhookHeaders from(Notification notification) {
    List<String> missing = new ArrayList<>();
    String algo = read(notification, AUTH_ALGO, missing);
    String cert = read(notification, CERT_URL, missing);
    String id = read(notification, TRANSMISSION_ID, missing);
    String sig = read(notification, TRANSMISSION_SIG, missing);
    String time = read(notification, TRANSMISSION_TIME, missing);
    if (!missing.isEmpty()) {
      throw new PaymentVerificationException(
          Reason.MISSING_SIGNATURE,
          "PayPal webhook without the header(s) " + String.join(", ", missing));
    }
    return new WebhookHeaders(algo, cert, id, sig, time);
  }

  private static String read(Notification notification, String name, List<String> missing) {
    Optional<String> value = notification.header(name).map(String::trim).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      missing.add(name);
      return "";
    }
    return value.get();
  }
}
