package io.github.remnawaveshop.payments.stripe;

import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a {@code Stripe-Signature} header ({@code t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]})
 * against the raw body: the expected signature is {@code HMAC-SHA256(endpoint secret, t + "." +
 * body)}; any {@code v1} may match (Stripe sends several while an endpoint secret is being rolled);
 * other schemes ({@code v0}, the test-mode legacy scheme) are ignored. Comparison is constant-time.
 * The signature is checked before the timestamp, so only authentic notifications are ever reported
 * as {@link Reason#EXPIRED}; the timestamp must lie within the tolerance on either side of now
 * (Stripe's libraries reject only old ones; rejecting far-future ones as well closes the "sign now,
 * replay later" window a skewed clock would open).
 *
 * <p>Immutable and thread-safe ({@link Mac} instances are made per call).
 */
final class StripeSignatureVerifier {
  static final String HEADER = "Stripe-Signature";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_LENGTH = 32;

  private final SecretKeySpec key;
  private final Duration tolerance;
  private final Clock clock;

  StripeSignatureVerifier(Secret endpointSecret, Duration tolerance, Clock clock) {
    this.key = new SecretKeySpec(endpointSecret.bytes(), ALGORITHM);
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * Verifies the header against the body.
   *
   * @param header the {@code Stripe-Signature} value, empty when the header is absent
   * @return the signed timestamp
   * @throws PaymentVerificationException when the header is absent or malformed, no {@code v1}
   *     matches, or the timestamp is outside the tolerance
   */
  Instant verify(Optional<String> header, byte[] body) {
    if (header.isEmpty() || header.get().isBlank()) {
      throw new PaymentVerificationException(Reason.MISSING_SIGNATURE, "no " + HEADER + " header");
    }
    Parsed parsed = parse(header.get());
    if (parsed.v1.isEmpty()) {
      throw new PaymentVerificationException(
          Reason.MISSING_SIGNATURE, HEADER + " header carries no v1 signature");
    }
    byte[] expected = mac(parsed.timestampText, body);
    boolean matched = false;
    for (String candidate : parsed.v1) {
      byte[] given = decodeHex(candidate);
      // evaluate every candidate, so timing does not tell which one (if any) matched
      matched |= given != null && MessageDigest.isEqual(expected, given);
    }
    if (!matched) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE,
          "no v1 signature in the " + HEADER + " header matches the body and the endpoint secret");
    }
    Instant signedAt = Instant.ofEpochSecond(parsed.timestamp);
    Duration skew = Duration.between(signedAt, clock.instant()).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw new PaymentVerificationException(
          Reason.EXPIRED,
          "signed timestamp "
              + parsed.timestamp
              + " is "
              + skew.toSeconds()
              + " s away from now; tolerance is "
              + tolerance.toSeconds()
              + " s");
    }
    return signedAt;
  }

  private byte[] mac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory in every JDK; reaching this means a broken runtime
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static Parsed parse(String header) {
    String timestampText = null;
    List<String> v1 = new ArrayList<>();
    for (String item : header.split(",")) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String scheme = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim();
      if ("t".equals(scheme)) {
        if (timestampText != null) {
          throw new PaymentVerificationException(
              Reason.MALFORMED, HEADER + " header has more than one timestamp");
        }
        timestampText = value;
      } else if ("v1".equals(scheme)) {
        v1.add(value);
      }
    }
    if (timestampText == null) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, HEADER + " header has no timestamp (t=)");
    }
    if (timestampText.isEmpty()
        || timestampText.length() > 12
        || !timestampText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, HEADER + " timestamp is not a number of seconds");
    }
    return new Parsed(timestampText, Long.parseLong(timestampText), v1);
  }

  private static byte[] decodeHex(String hex) {
    if (hex.length() != MAC_LENGTH * 2) {
      return null;
    }
    byte[] out = new byte[MAC_LENGTH];
    String lower = hex.toLowerCase(Locale.ROOT);
    for (int i = 0; i < MAC_LENGTH; i++) {
      int hi = Character.digit(lower.charAt(2 * i), 16);
      int lo = Character.digit(lower.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private record Parsed(String timestampText, long timestamp, List<String> v1) {}
}
