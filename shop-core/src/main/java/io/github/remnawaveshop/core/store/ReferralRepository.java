package io.github.remnawaveshop.core.store;

import java.util.List;
import java.util.Optional;

/**
 * Referral rewards. Granting is idempotent: one reward per (payment, referrer), and one reward
 * without payment per (referrer, referred). Obtained from {@link ShopStore#referrals()} or {@link
 * StoreTransaction#referrals()}.
 */
public interface ReferralRepository {
  /**
   * Grants a reward once.
   *
   * @param referrerId the inviting user
   * @param referredId the invited user
   * @param paymentId the payment earning it, empty for a reward for joining
   * @param bonusDays days to grant, 1 to 36600
   * @return the reward when this call granted it; empty when it was granted before
   * @throws ForeignKeyViolationException when a user or the payment does not exist
   */
  Optional<ReferralReward> grant(
      long referrerId, long referredId, Optional<Long> paymentId, int bonusDays);

  /**
   * @param referrerId store id @param request the page @return rewards of the referrer, newest
   *     first
   */
  Page<ReferralReward> listByReferrer(long referrerId, PageRequest request);

  /**
   * @param referrerId store id @return total bonus days granted to the referrer
   */
  long totalBonusDays(long referrerId);

  /**
   * The rewards a payment earned (the referee's first payment earns its referrer one).
   *
   * @param paymentId payment id
   * @return the rewards, oldest first
   */
  List<ReferralReward> listByPayment(long paymentId);
}
