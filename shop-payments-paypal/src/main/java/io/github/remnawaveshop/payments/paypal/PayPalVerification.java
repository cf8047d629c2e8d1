package io.github.remnawaveshop.payments.paypal;

import java.util.Locale;

/** How a {@link PayPalGateway} checks that a webhook really comes from PayPal. */
public enum PayPalVerification {
  /**
   * Ask PayPal: {@code POST /v1/notifications/verify-webhook-signature} with the transmission
   * headers and the event. One extra API call per webhook; PayPal does all the checking. The
   * default.
   */
  ONLINE,
  /**
   * Check locally: SHA256withRSA over {@code
   * transmission_id|transmission_time|webhook_id|crc32(body)} against the X.509 certificate at
   * {@code PAYPAL-CERT-URL}, fetched only from PayPal's own https hosts and cached by URL. No API
   * call per webhook once the certificate is cached.
   */
  OFFLINE;

  /**
   * Parses a setting value, {@code online} or {@code offline} in any case.
   *
   * @throws IllegalArgumentException for anything else, naming the value
   */
  public static PayPalVerification parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "online":
        return ONLINE;
      case "offline":
        return OFFLINE;
      default:
        throw new IllegalArgumentException("must be online or offline; was '" + value + "'");
    }
  }
}
