package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * A press of an inline button. Answer every one ({@code answerCallbackQuery}) or the button keeps
 * spinning; the dispatcher does it when a handler did not.
 *
 * @param id the query id
 * @param from who pressed
 * @param message the message with the button (absent for inline-mode messages)
 * @param inlineMessageId the inline message id, for inline-mode messages
 * @param data the button's callback data
 * @param chatInstance a global identifier of the chat
 */
public record CallbackQuery(
    String id,
    User from,
    Optional<Message> message,
    Optional<String> inlineMessageId,
    Optional<String> data,
    String chatInstance) {
  /** Normalises absent parts. */
  public CallbackQuery {
    Types.required(id, "callback_query.id");
    Types.required(from, "callback_query.from");
    message = Types.opt(message);
    inlineMessageId = Types.opt(inlineMessageId);
    data = Types.opt(data);
    chatInstance = chatInstance == null ? "" : chatInstance;
  }
}
