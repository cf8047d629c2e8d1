package io.github.remnawaveshop.telegram.api;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A Bot API request tied to the type of its result, the way {@code SendMessage implements
 * BotMethod<Message>}: {@code Message m = bot.execute(SendMessage.to(chat, "hi"))}. Implementations
 * are immutable values; the ones in {@code telegram.api.methods} cover what a shop needs, and a
 * host bot may write its own for any other method.
 *
 * @param <R> the type of the method's {@code result}
 */
public interface BotMethod<R> {

  /** The method's name, e.g. {@code sendMessage}. */
  String name();

  /**
   * The parameters as JSON-shaped values (String, Number, Boolean, records, lists, maps); empty
   * optionals are left out by the caller before this point.
   */
  Map<String, Object> parameters();

  /** How to read the result. */
  ResultType<R> resultType();

  /** Files to upload with the call (multipart), by parameter name; empty for JSON calls. */
  default Map<String, InputFile> files() {
    return Map.of();
  }

  /**
   * Whether the call posts or edits a message and so counts against Telegram's message limits (the
   * throttle holds it back when a limit is reached).
   */
  default boolean isOutgoingMessage() {
    return false;
  }

  /**
   * The numeric chat this call addresses, if any (the throttle's per-chat scope, migration
   * retries).
   */
  default OptionalLong chatId() {
    Object id = parameters().get("chat_id");
    return id instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
  }
}
