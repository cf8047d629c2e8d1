package io.github.remnawaveshop.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link PromoCodeRepository#activate}.
 *
 * @param outcome what happened
 * @param activation the recorded activation, present exactly when the outcome is {@link
 *     Outcome#ACTIVATED}
 */
public record PromoActivationResult(Outcome outcome, Optional<PromoActivation> activation) {
  /** Checks the activation is present exactly for {@link Outcome#ACTIVATED}. */
  public PromoActivationResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(activation, "activation");
    if ((outcome == Outcome.ACTIVATED) != activation.isPresent()) {
      throw new IllegalArgumentException(
          "activation must be present exactly when outcome is ACTIVATED; outcome was " + outcome);
    }
  }

  /** Why an activation did or did not happen. */
  public enum Outcome {
    /** Recorded. */
    ACTIVATED,
    /** No such code. */
    UNKNOWN_CODE,
    /** Switched off. */
    INACTIVE,
    /** Past its validity. */
    EXPIRED,
    /** Its total activations are used up. */
    EXHAUSTED,
    /** This user has used it as often as allowed. */
    ALREADY_USED
  }
}
