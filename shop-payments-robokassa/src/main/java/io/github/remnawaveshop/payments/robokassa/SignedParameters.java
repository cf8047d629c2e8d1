package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameters of a signed request from Robokassa (ResultURL notification or SuccessURL
 * redirect), read from the query string and a form body alike, before and after their signature is
 * checked. Names are matched without regard to case where Robokassa's own spelling varies.
 *
 * @param all every parameter as received
 * @param outSum {@code OutSum} exactly as received (it is signed as written)
 * @param invId {@code InvId} exactly as received
 * @param shp the {@code Shp_} parameters, sorted by name as the signature needs them
 * @param signature {@code SignatureValue}
 */
record SignedParameters(
    Map<String, String> all,
    String outSum,
    String invId,
    SortedMap<String, String> shp,
    String signature) {

  /**
   * Reads the parameters.
   *
   * @param what what is being read, for messages
   * @throws PaymentVerificationException {@code MISSING_SIGNATURE} without {@code SignatureValue},
   *     {@code MALFORMED} without {@code OutSum} or {@code InvId} or with broken URL encoding
   */
  static SignedParameters of(Notification notification, String what) {
    Map<String, String> params;
    try {
      params = notification.formParameters();
    } catch (IllegalArgumentException e) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, "Robokassa " + what + " is not valid URL encoding");
    }
    Optional<String> signature = find(params, "SignatureValue");
    if (signature.isEmpty() || signature.get().isBlank()) {
      throw new PaymentVerificationException(
          Reason.MISSING_SIGNATURE, "Robokassa " + what + " has no SignatureValue");
    }
    Optional<String> outSum = find(params, "OutSum");
    Optional<String> invId = find(params, "InvId");
    if (outSum.isEmpty() || invId.isEmpty()) {
      throw new PaymentVerificationException(
          Reason.MALFORMED, "Robokassa " + what + " lacks OutSum or InvId");
    }
    SortedMap<String, String> shp = new TreeMap<>();
    params.forEach(
        (k, v) -> {
          if (k.regionMatches(true, 0, "Shp_", 0, 4)) {
            shp.put(k, v);
          }
        });
    return new SignedParameters(params, outSum.get(), invId.get(), shp, signature.get());
  }

  /** Whether the signature was made with this password. */
  boolean signedWith(RobokassaSignatures signatures, Secret password) {
    return signatures.notificationMatches(outSum, invId, password, shp, signature);
  }

  /** A parameter, by exact name first and then without regard to case. */
  Optional<String> param(String name) {
    return find(all, name);
  }

  /** A non-blank {@code Shp_} value, by name without regard to case. */
  Optional<String> shpValue(String name) {
    return shp.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .filter(v -> !v.isBlank())
        .findFirst();
  }

  /**
   * {@code OutSum} as roubles.
   *
   * @throws PaymentVerificationException {@code MALFORMED} when it is not a whole number of kopecks
   */
  Money roubles() {
    try {
      return Money.parse(outSum, "RUB");
    } catch (IllegalArgumentException e) {
      throw new PaymentVerificationException(
          Reason.MALFORMED,
          "Robokassa OutSum '"
              + safe(outSum)
              + "' for InvId "
              + safe(invId)
              + " is not an amount in roubles and kopecks");
    }
  }

  /**
   * Echoes untrusted input into messages only short and plain, so logs cannot be flooded or forged.
   */
  static String safe(String untrusted) {
    String s = untrusted.length() > 40 ? untrusted.substring(0, 40) + "…" : untrusted;
    return s.replaceAll("[^\\p{Alnum}.,_-]", "?");
  }

  private static Optional<String> find(Map<String, String> params, String name) {
    String exact = params.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    return params.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
