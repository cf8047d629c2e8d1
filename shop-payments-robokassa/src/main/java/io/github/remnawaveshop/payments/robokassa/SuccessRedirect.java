package io.github.remnawaveshop.payments.robokassa;

import java.util.Objects;
import java.util.Optional;

/**
 * A buyer's browser coming back to the shop's SuccessURL, with a valid Password#1 signature. For
 * showing "thank you, your payment is being confirmed" only: it proves nothing about money
 * arriving, so it is never credited. Crediting happens only on the ResultURL notification ({@link
 * RobokassaGateway#verify}).
 *
 * @param invId Robokassa's {@code InvId}
 * @param outSum the amount as Robokassa wrote it
 * @param orderReference the shop's order id from {@code Shp_order}, when present
 */
public record SuccessRedirect(String invId, String outSum, Optional<String> orderReference) {

  /** Validates. */
  public SuccessRedirect {
    Objects.requireNonNull(invId, "invId");
    Objects.requireNonNull(outSum, "outSum");
    Objects.requireNonNull(orderReference, "orderReference");
  }
}
