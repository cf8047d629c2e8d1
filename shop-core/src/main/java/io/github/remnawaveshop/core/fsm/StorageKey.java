package io.github.remnawaveshop.core.fsm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Identifies one conversation, as aiogram 3's {@code StorageKey} does: the bot, the chat, the user,
 * optionally a forum topic (thread) and a business connection, and a "destiny" that lets one
 * conversation hold several independent state machines (default {@value #DEFAULT_DESTINY}).
 *
 * <p>Which of these parts take part in the stored key depends on the storage's {@link KeyStrategy}.
 * Immutable and thread-safe.
 *
 * @param botId the bot's id (the number before ':' in its token)
 * @param chatId the chat id
 * @param userId the user id
 * @param threadId the forum topic ({@code message_thread_id}), if any
 * @param businessConnectionId the business connection id, if any
 * @param destiny the state machine's name inside the conversation
 */
public record StorageKey(
    long botId,
    long chatId,
    long userId,
    OptionalLong threadId,
    Optional<String> businessConnectionId,
    String destiny) {

  /** The destiny used when none is given, as in aiogram. */
  public static final String DEFAULT_DESTINY = "default";

  private static final Pattern SAFE_PART = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

  /** Validates the parts: {@code destiny} and {@code businessConnectionId} must be key-safe. */
  public StorageKey {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(businessConnectionId, "businessConnectionId");
    Objects.requireNonNull(destiny, "destiny");
    if (!SAFE_PART.matcher(destiny).matches()) {
      throw new IllegalArgumentException(
          "destiny must be 1-128 characters of A-Z a-z 0-9 _ . -; was '" + destiny + "'");
    }
    businessConnectionId.ifPresent(
        id -> {
          if (!SAFE_PART.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "businessConnectionId must be 1-128 characters of A-Z a-z 0-9 _ . -; was '"
                    + id
                    + "'");
          }
        });
  }

  /** A key for a user in a chat, without topic or business connection, with the default destiny. */
  public static StorageKey of(long botId, long chatId, long userId) {
    return new StorageKey(
        botId, chatId, userId, OptionalLong.empty(), Optional.empty(), DEFAULT_DESTINY);
  }

  /** This key in the given forum topic. */
  public StorageKey withThread(long threadId) {
    return new StorageKey(
        botId, chatId, userId, OptionalLong.of(threadId), businessConnectionId, destiny);
  }

  /** This key under the given business connection. */
  public StorageKey withBusinessConnection(String businessConnectionId) {
    return new StorageKey(
        botId, chatId, userId, threadId, Optional.of(businessConnectionId), destiny);
  }

  /**
   * This key with another destiny (a second, independent state machine in the same conversation).
   */
  public StorageKey withDestiny(String destiny) {
    return new StorageKey(botId, chatId, userId, threadId, businessConnectionId, destiny);
  }
}
