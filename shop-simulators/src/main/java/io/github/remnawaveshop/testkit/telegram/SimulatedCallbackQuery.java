package io.github.remnawaveshop.testkit.telegram;

import java.util.Objects;
import java.util.Optional;

/**
 * A callback query a simulated user sent by pressing a button, and whether the bot answered it with
 * {@code answerCallbackQuery}.
 *
 * @param id the {@code callback_query.id}
 * @param userId who pressed
 * @param chatId the chat of the message with the button
 * @param messageId the message with the button
 * @param data the {@code callback_data}
 * @param answered whether {@code answerCallbackQuery} was called for it
 * @param answerText the answer's {@code text}, if any
 * @param showAlert the answer's {@code show_alert}
 */
public record SimulatedCallbackQuery(
    String id,
    long userId,
    long chatId,
    long messageId,
    String data,
    boolean answered,
    Optional<String> answerText,
    boolean showAlert) {
  /** Checks that no component is null. */
  public SimulatedCallbackQuery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(answerText, "answerText");
  }
}
