package io.github.remnawaveshop.core.store;

import java.util.Optional;
import java.util.UUID;

/**
 * Shop users. Obtained from {@link ShopStore#users()} (each call its own statement) or
 * {@link StoreTransaction#users()} (inside one transaction). Thread-safe when obtained from the store.
 */
public interface UserRepository {
  /**
   * Registers a user, or returns the existing one with the same Telegram id (refreshing its username
   * when a new one is given). Safe to call on every {@code /start}.
   *
   * @param user the user to register
   * @return the stored user and whether this call created it
   * @throws DuplicateKeyException when another user already has the referral code
   *     ({@code shop_users_referral_code_key}); retry with a fresh code
   */
  Registration register(NewUser user);

  /** @param id store id @return the user, if any */
  Optional<User> findById(long id);

  /** @param telegramId Telegram user id @return the user, if any */
  Optional<User> findByTelegramId(long telegramId);

  /** @param referralCode a referral code (exact) @return its owner, if any */
  Optional<User> findByReferralCode(String referralCode);

  /** @param panelUserUuid a panel user's uuid @return the shop user it serves, if any */
  Optional<User> findByPanelUserUuid(UUID panelUserUuid);

  /** @param username a Telegram username, with or without {@code @}, any case @return the user, if any */
  Optional<User> findByUsername(String username);

  /** @param id store id @param language language tag @return the updated user, empty when no such user */
  Optional<User> setLanguage(long id, String language);

  /** @param id store id @param banned the flag @return the updated user, empty when no such user */
  Optional<User> setBanned(long id, boolean banned);

  /**
   * Links the user to a panel user.
   *
   * @param id store id
   * @param panelUserUuid the panel user's uuid
   * @return the updated user, empty when no such user
   * @throws DuplicateKeyException when another shop user is linked to that panel user
   */
  Optional<User> setPanelUserUuid(long id, UUID panelUserUuid);

  /** @param request the page @return users, newest first */
  Page<User> list(PageRequest request);

  /** @param referrerId store id of a user @return how many users that user invited */
  long countReferredBy(long referrerId);

  /** @return how many users exist */
  long count();
}
