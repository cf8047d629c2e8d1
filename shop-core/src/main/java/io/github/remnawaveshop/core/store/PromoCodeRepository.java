package io.github.remnawaveshop.core.store;

import java.util.List;
import java.util.Optional;

/**
 * Promo codes and their activations. Obtained from {@link ShopStore#promoCodes()} or {@link
 * StoreTransaction#promoCodes()}.
 */
public interface PromoCodeRepository {
  /**
   * Creates a code.
   *
   * @param code the code
   * @return the stored code
   * @throws DuplicateKeyException when the code exists in any letter case ({@code
   *     shop_promo_codes_code_key})
   */
  PromoCode create(NewPromoCode code);

  /**
   * @param id code id @return the code, if any
   */
  Optional<PromoCode> findById(long id);

  /**
   * @param code the code in any letter case @return the code, if any
   */
  Optional<PromoCode> findByCode(String code);

  /**
   * @param request the page @param activeOnly only active codes @return codes, newest first
   */
  Page<PromoCode> list(PageRequest request, boolean activeOnly);

  /**
   * @param id code id @param active the flag @return the updated code, empty when no such code
   */
  Optional<PromoCode> setActive(long id, boolean active);

  /**
   * Activates a code for a user: checks it is active, valid and not exhausted and that the user is
   * under the per-user limit, records the activation and counts it, atomically. Concurrent
   * activations of one code are serialised on the code's row, so limits hold under races. Runs in
   * the caller's transaction when called through {@link StoreTransaction#promoCodes()}.
   *
   * @param code the code in any letter case
   * @param userId store id of the user
   * @param paymentId the payment the code is applied to, if any
   * @return the outcome and, when activated, the activation
   */
  PromoActivationResult activate(String code, long userId, Optional<Long> paymentId);

  /**
   * Same as {@link #activate(String, long, Optional)} for a code known by id.
   *
   * @param promoCodeId code id
   * @param userId store id of the user
   * @param paymentId the payment the code is applied to, if any
   * @return the outcome and, when activated, the activation
   */
  PromoActivationResult activate(long promoCodeId, long userId, Optional<Long> paymentId);

  /**
   * Releases the activations recorded for a payment (its order failed, was cancelled or expired):
   * the rows are deleted and the codes' counts go down, in one statement, so the activations are
   * free again.
   *
   * @param paymentId payment id
   * @return how many activations were released
   */
  int releaseActivations(long paymentId);

  /**
   * @param userId store id @return the user's activations, newest first
   */
  List<PromoActivation> listActivationsByUser(long userId);

  /**
   * @param paymentId payment id @return activations applied to that payment
   */
  List<PromoActivation> listActivationsByPayment(long paymentId);
}
