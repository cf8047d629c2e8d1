package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Robokassa's signature strings, all joined with {@code :}, hashed as UTF-8 with the shop's
 * algorithm:
 *
 * <ul>
 *   <li>pay page: {@code MerchantLogin:OutSum:InvId[:Receipt]:Password#1[:Shp_a=1:Shp_b=2]};
 *   <li>ResultURL: {@code OutSum:InvId:Password#2[:Shp_…]};
 *   <li>SuccessURL redirect: {@code OutSum:InvId:Password#1[:Shp_…]}.
 * </ul>
 *
 * {@code Shp_} parameters are sorted by name. Stateless.
 */
final class RobokassaSignatures {
  private final HashAlgorithm algorithm;

  RobokassaSignatures(HashAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  /**
   * The pay-page signature, lower-case hex; {@code receipt} is the once URL-encoded receipt JSON.
   */
  String payPage(
      String login,
      String outSum,
      String invId,
      Optional<String> receipt,
      Secret password1,
      SortedMap<String, String> shp) {
    StringBuilder base =
        new StringBuilder(login).append(':').append(outSum).append(':').append(invId);
    receipt.ifPresent(r -> base.append(':').append(r));
    base.append(':').append(password1.reveal());
    appendShp(base, shp);
    return hash(base);
  }

  /**
   * Whether a ResultURL (password 2) or SuccessURL (password 1) signature matches, ignoring hex
   * case.
   */
  boolean notificationMatches(
      String outSum,
      String invId,
      Secret password,
      SortedMap<String, String> shp,
      String givenHex) {
    StringBuilder base =
        new StringBuilder(outSum).append(':').append(invId).append(':').append(password.reveal());
    appendShp(base, shp);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(givenHex.trim());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(
        given, algorithm.digest(base.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static void appendShp(StringBuilder base, SortedMap<String, String> shp) {
    for (Map.Entry<String, String> e : shp.entrySet()) {
      base.append(':').append(e.getKey()).append('=').append(e.getValue());
    }
  }

  private String hash(StringBuilder base) {
    return algorithm.hex(base.toString().getBytes(StandardCharsets.UTF_8));
  }
}
