package io.github.remnawaveshop.payments.tck.demo;

import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DemoPay's webhook signature: header {@code DemoPay-Signature: t=<unix seconds>,v1=<hex>} where
 * the hex is HMAC-SHA256 keyed with the webhook secret over {@code <t>.<raw body>}. Stateless and
 * thread-safe.
 */
final class DemoPaySignature {
  static final String HEADER = "DemoPay-Signature";

  private final Secret secret;
  private final Duration tolerance;

  DemoPaySignature(Secret secret, Duration tolerance) {
    this.secret = secret;
    this.tolerance = tolerance;
  }

  /** Checks the header against the body at {@code now}; returns the signed timestamp. */
  Instant verify(String header, byte[] body, Instant now) {
    long timestamp = -1;
    byte[] given = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      if (kv[0].equals("t")) {
        try {
          timestamp = Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
          throw new PaymentVerificationException(
              Reason.MALFORMED, HEADER + " has a non-numeric timestamp");
        }
      } else if (kv[0].equals("v1")) {
        try {
          given = HexFormat.of().parseHex(kv[1]);
        } catch (IllegalArgumentException e) {
          throw new PaymentVerificationException(Reason.BAD_SIGNATURE, HEADER + " v1 is not hex");
        }
      }
    }
    if (timestamp < 0 || given == null) {
      throw new PaymentVerificationException(Reason.MISSING_SIGNATURE, HEADER + " lacks t= or v1=");
    }
    // the signature first: an attacker must not learn anything about timing rules from unsigned
    // input
    if (!MessageDigest.isEqual(given, mac(timestamp, body))) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE, HEADER + " does not match the body");
    }
    Instant signedAt = Instant.ofEpochSecond(timestamp);
    if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
      throw new PaymentVerificationException(
          Reason.EXPIRED,
          "notification signed at "
              + signedAt
              + " is outside the tolerance of "
              + tolerance
              + " around "
              + now);
    }
    return signedAt;
  }

  /** The header value the provider sends for this body, signed at {@code at}. */
  String header(Instant at, byte[] body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
  }

  private byte[] mac(long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
