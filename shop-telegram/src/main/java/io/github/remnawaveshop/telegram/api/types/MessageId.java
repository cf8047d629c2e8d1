package io.github.remnawaveshop.telegram.api.types;

/**
 * The id of a message, as {@code copyMessage} returns it.
 *
 * @param messageId the id inside the chat
 */
public record MessageId(long messageId) {}
