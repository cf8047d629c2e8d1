package io.github.remnawaveshop.telegram.dispatch;

import java.util.Optional;

/**
 * The language a user chose and the shop stored (e.g. in its user table); empty when they never
 * chose.
 */
@FunctionalInterface
public interface LanguageResolver {
  /** The stored choice for the update's user. */
  Optional<String> storedLanguage(Context ctx);

  /** No stored choices: Telegram's {@code language_code}, then the default. */
  static LanguageResolver none() {
    return ctx -> Optional.empty();
  }
}
