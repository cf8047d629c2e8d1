package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * A Telegram user or bot.
 *
 * @param id the user id
 * @param isBot whether this is a bot
 * @param firstName the first name
 * @param lastName the last name, if set
 * @param username the username without {@code @}, if set
 * @param languageCode the IETF language tag of the user's client, if Telegram sent it
 */
public record User(
    long id,
    boolean isBot,
    String firstName,
    Optional<String> lastName,
    Optional<String> username,
    Optional<String> languageCode) {

  /** Normalises absent parts. */
  public User {
    firstName = firstName == null ? "" : firstName;
    lastName = Types.opt(lastName);
    username = Types.opt(username);
    languageCode = Types.opt(languageCode);
  }

  /** A user with only an id and a first name (tests, synthetic updates). */
  public static User of(long id, String firstName) {
    return new User(id, false, firstName, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** First and last name, joined by a space. */
  public String fullName() {
    return lastName.map(l -> firstName + " " + l).orElse(firstName);
  }
}
