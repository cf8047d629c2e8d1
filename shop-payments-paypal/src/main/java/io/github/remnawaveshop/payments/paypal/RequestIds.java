package io.github.remnawaveshop.payments.paypal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code PayPal-Request-Id} values. PayPal accepts at most 108 characters; a longer key (the SPI
 * allows 255) or one with characters outside printable ASCII is replaced by {@code sha256-<hex>} of
 * itself, which is just as unique and just as stable across retries. Stateless.
 */
final class RequestIds {
  static final int MAX_LENGTH = 108;

  private RequestIds() {}

  /** The header value for an idempotency key. */
  static String of(String idempotencyKey) {
    if (idempotencyKey.length() <= MAX_LENGTH
        && idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return idempotencyKey;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The request id of the capture of a PayPal order: the same on every redelivery and every
   * instance.
   */
  static String capture(String orderId) {
    return of("capture-" + orderId);
  }
}
