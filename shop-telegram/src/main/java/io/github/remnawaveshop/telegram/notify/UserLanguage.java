package io.github.remnawaveshop.telegram.notify;

import java.util.Optional;

/**
 * The language a user reads notices in, by Telegram id: usually the language stored with the shop
 * user ({@code ShopUser.language()}). Called from the engine's worker threads; must be thread-safe
 * and fast.
 */
@FunctionalInterface
public interface UserLanguage {

  /**
   * The user's language.
   *
   * @param telegramId the user
   * @return an IETF tag ({@code ru}, {@code en-US}); empty for the texts' default language
   */
  Optional<String> of(long telegramId);

  /** Every user gets the default language. */
  static UserLanguage defaultLanguage() {
    return id -> Optional.empty();
  }
}
