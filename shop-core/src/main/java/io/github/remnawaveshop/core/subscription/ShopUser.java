package io.github.remnawaveshop.core.subscription;

import java.util.Objects;
import java.util.Optional;

/**
 * A shop user as the engine sees it.
 *
 * @param id the store's id
 * @param telegramId the Telegram user id
 * @param username the Telegram username, when the user has one
 * @param language the user's language code
 * @param referralCode the code others use to name this user as their referrer
 * @param referredBy the store id of the user who referred this one
 */
public record ShopUser(
    long id,
    long telegramId,
    Optional<String> username,
    String language,
    String referralCode,
    Optional<Long> referredBy) {

  /** Validates. */
  public ShopUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(referralCode, "referralCode");
    Objects.requireNonNull(referredBy, "referredBy");
  }
}
