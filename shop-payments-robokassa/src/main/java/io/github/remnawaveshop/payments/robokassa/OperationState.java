package io.github.remnawaveshop.payments.robokassa;

import java.util.Objects;
import java.util.Optional;

/**
 * Robokassa's answer to an {@code OpStateExt} status request for one {@code InvId}, for
 * reconciliation and refunds. Crediting still happens only on the ResultURL notification.
 *
 * @param invId the invoice asked about
 * @param resultCode Robokassa's result code: 0 success, 1 bad signature, 2 shop not found, 3
 *     invoice not found, 4 duplicate invoice, 1000 internal error
 * @param stateCode the operation's state: 5 initiated, 10 cancelled, 50 money received and being
 *     credited, 60 returned to the buyer, 80 suspended, 100 paid; 0 when the answer had none
 * @param outSum the amount credited to the shop, as Robokassa wrote it
 * @param opKey the operation key refunds are made against
 */
public record OperationState(
    String invId, int resultCode, int stateCode, Optional<String> outSum, Optional<String> opKey) {

  /** Validates. */
  public OperationState {
    Objects.requireNonNull(invId, "invId");
    Objects.requireNonNull(outSum, "outSum");
    Objects.requireNonNull(opKey, "opKey");
  }

  /** Whether the invoice was found and paid (result 0, state 100). */
  public boolean paid() {
    return resultCode == 0 && stateCode == 100;
  }
}
