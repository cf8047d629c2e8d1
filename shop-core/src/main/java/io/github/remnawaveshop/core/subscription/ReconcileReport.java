package io.github.remnawaveshop.core.subscription;

/**
 * What one reconciliation pass found and queued for repair.
 *
 * @param checked users compared with the panel
 * @param missingOnPanel users with paid time but no panel account (re-provisioned)
 * @param expiryDrift panel {@code expireAt} differed from the paid end (set back to the paid end)
 * @param statusDrift panel status disagreed with paid time (enabled, or disabled when nothing is
 *     paid)
 * @param errors users the panel could not be asked about (left for the next pass)
 * @param skipped true when another instance held the reconciliation lock, so this pass did nothing
 */
public record ReconcileReport(
    int checked,
    int missingOnPanel,
    int expiryDrift,
    int statusDrift,
    int errors,
    boolean skipped) {

  /** Repairs queued in total. */
  public int repaired() {
    return missingOnPanel + expiryDrift + statusDrift;
  }
}
