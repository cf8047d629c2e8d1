/**
 * The Telegram Bot API client: {@link io.github.remnawaveshop.telegram.api.TelegramBot} with typed
 * methods ({@link io.github.remnawaveshop.telegram.api.BotMethod}, in {@code
 * telegram.api.methods}), records for the types ({@code telegram.api.types}), the outgoing {@link
 * io.github.remnawaveshop.telegram.api.Throttle} with two {@link
 * io.github.remnawaveshop.telegram.api.Lane}s, bulk {@link
 * io.github.remnawaveshop.telegram.api.Broadcast}s, and one unchecked error tree under {@link
 * io.github.remnawaveshop.telegram.api.TelegramApiException}.
 */
package io.github.remnawaveshop.telegram.api;
