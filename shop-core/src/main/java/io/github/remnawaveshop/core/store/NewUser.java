package io.github.remnawaveshop.core.store;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user to register. Build with {@link #of} and the {@code with*} methods.
 *
 * @param telegramId the Telegram user id, positive
 * @param username the Telegram username without {@code @}
 * @param language IETF language tag, e.g. {@code en}
 * @param referralCode the user's own referral code: 4 to 32 of {@code A-Z a-z 0-9 _ -}, unique
 * @param referredBy the store id of the inviting user
 */
public record NewUser(
    long telegramId,
    Optional<String> username,
    String language,
    String referralCode,
    Optional<Long> referredBy) {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Pattern REFERRAL_CODE = Pattern.compile("[A-Za-z0-9_-]{4,32}");

  /** Validates every field. */
  public NewUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(referralCode, "referralCode");
    Objects.requireNonNull(referredBy, "referredBy");
    if (telegramId <= 0) {
      throw new IllegalArgumentException("telegramId must be > 0 but was " + telegramId);
    }
    if (username.isPresent() && (username.get().isEmpty() || username.get().length() > 64)) {
      throw new IllegalArgumentException(
          "username must be 1 to 64 characters but was '" + username.get() + "'");
    }
    checkLanguage(language);
    if (!REFERRAL_CODE.matcher(referralCode).matches()) {
      throw new IllegalArgumentException(
          "referralCode must be 4 to 32 of A-Z a-z 0-9 _ - but was '" + referralCode + "'");
    }
  }

  static String checkLanguage(String language) {
    Objects.requireNonNull(language, "language");
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException(
          "language must be a language tag like 'en' or 'pt-BR' but was '" + language + "'");
    }
    return language;
  }

  /**
   * A user without username and referrer.
   *
   * @param telegramId the Telegram user id
   * @param language the language tag
   * @param referralCode the user's own referral code
   * @return the new user
   */
  public static NewUser of(long telegramId, String language, String referralCode) {
    return new NewUser(telegramId, Optional.empty(), language, referralCode, Optional.empty());
  }

  /**
   * A copy with the given username.
   *
   * @param username the Telegram username without {@code @}
   * @return the copy
   */
  public NewUser withUsername(String username) {
    return new NewUser(telegramId, Optional.of(username), language, referralCode, referredBy);
  }

  /**
   * A copy invited by the given user.
   *
   * @param referrerId the store id of the inviting user
   * @return the copy
   */
  public NewUser withReferredBy(long referrerId) {
    return new NewUser(telegramId, username, language, referralCode, Optional.of(referrerId));
  }
}
