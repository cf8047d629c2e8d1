package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Shop users. Obtained from {@link ShopStore#users()} (each call its own statement) or {@link
 * StoreTransaction#users()} (inside one transaction). Thread-safe when obtained from the store.
 */
public interface UserRepository {
  /**
   * Registers a user, or returns the existing one with the same Telegram id (refreshing its
   * username when a new one is given). Safe to call on every {@code /start}.
   *
   * @param user the user to register
   * @return the stored user and whether this call created it
   * @throws DuplicateKeyException when another user already has the referral code ({@code
   *     shop_users_referral_code_key}); retry with a fresh code
   */
  Registration register(NewUser user);

  /**
   * @param id store id @return the user, if any
   */
  Optional<User> findById(long id);

  /**
   * @param telegramId Telegram user id @return the user, if any
   */
  Optional<User> findByTelegramId(long telegramId);

  /**
   * @param referralCode a referral code (exact) @return its owner, if any
   */
  Optional<User> findByReferralCode(String referralCode);

  /**
   * @param panelUserUuid a panel user's uuid @return the shop user it serves, if any
   */
  Optional<User> findByPanelUserUuid(UUID panelUserUuid);

  /**
   * @param username a Telegram username, with or without {@code @}, any case @return the user, if
   *     any
   */
  Optional<User> findByUsername(String username);

  /**
   * @param id store id @param language language tag @return the updated user, empty when no such
   *     user
   */
  Optional<User> setLanguage(long id, String language);

  /**
   * @param id store id @param banned the flag @return the updated user, empty when no such user
   */
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

  /**
   * @param request the page @return users, newest first
   */
  Page<User> list(PageRequest request);

  /**
   * @param referrerId store id of a user @return how many users that user invited
   */
  long countReferredBy(long referrerId);

  /**
   * @return how many users exist
   */
  long count();

  /**
   * Locks users ({@code FOR UPDATE}) in id order, so two transactions locking overlapping sets
   * never wait on each other in a cycle; use inside {@link ShopStore#inTransaction}.
   *
   * @param ids store ids
   * @return the locked users that exist, in id order
   */
  List<User> lockByIds(long... ids);

  /**
   * Serializes work on these users' accounts for the rest of the transaction, and reads them: one
   * transaction-scoped advisory lock per user (in the store's lock namespace, taken in id order, so
   * two transactions locking overlapping sets never wait on each other in a cycle), then the rows.
   * The engine takes it before every change of a user's paid time (credit, trial, promo, refund),
   * so two changes of one user queue. Unlike {@link #lockByIds} it writes nothing: a row lock marks
   * the row, and the first change of a page after each checkpoint puts the whole 8 KB page in the
   * WAL — measured, 8,256 bytes of WAL per locked user against 0 for this lock. It does not block
   * other transactions' updates of the rows; it serializes only against other callers of this
   * method. Use inside {@link ShopStore#inTransaction}.
   *
   * @param ids store ids
   * @return the users that exist, in id order
   */
  List<User> lockAccounts(long... ids);

  /**
   * Refreshes what the user's Telegram profile says, and clears {@link User#blockedBotAt()} (a user
   * who writes to the bot has unblocked it).
   *
   * @param id store id
   * @param username the Telegram username now (empty when the user has none any more)
   * @param language language tag
   * @return the updated user, empty when no such user
   */
  Optional<User> updateProfile(long id, Optional<String> username, String language);

  /**
   * Links the user to the panel's own id of its panel user ({@code PanelUser.id()}); a UUID id
   * (panel 2.x) also sets {@link User#panelUserUuid()}.
   *
   * @param id store id
   * @param panelUserId the panel user's id, 1 to 64 characters
   * @return the updated user, empty when no such user
   */
  Optional<User> setPanelUserId(long id, String panelUserId);

  /**
   * @param panelUserId the panel's id of a user @return the shop user it serves, if any
   */
  Optional<User> findByPanelUserId(String panelUserId);

  /**
   * Records that the user blocked the bot (kept when already recorded).
   *
   * @param telegramId Telegram user id
   * @param at when the bot learned it
   * @return the updated user, empty when no such user
   */
  Optional<User> markBlockedBot(long telegramId, Instant at);

  /**
   * @param telegramId Telegram user id @return the updated user, empty when no such user
   */
  Optional<User> clearBlockedBot(long telegramId);

  /**
   * User counts for admin screens, in one query.
   *
   * @param since lower bound (inclusive) of the registration time counted as new
   * @param now the instant at which subscriptions are judged active
   * @return the counts
   */
  UserStatistics statistics(Instant since, Instant now);
}
