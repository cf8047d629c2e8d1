package io.github.remnawaveshop.telegram.api;

import io.github.remnawaveshop.telegram.api.types.Message;
import java.util.Optional;

/**
 * The result of an edit. Telegram answers the edited message (or {@code true} for inline messages);
 * an edit to identical content ("message is not modified") is not an error but a result with {@code
 * modified=false}.
 *
 * @param message the edited message, when Telegram returned it
 * @param modified false when the content was already the same
 */
public record EditResult(Optional<Message> message, boolean modified) {}
