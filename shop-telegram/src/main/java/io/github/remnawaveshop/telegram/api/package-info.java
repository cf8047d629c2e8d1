/**
 * A lean Telegram Bot API client on OkHttp and Jackson: {@link io.github.remnawaveshop.telegram.api.TelegramBotApi}
 * with a raw {@link io.github.remnawaveshop.telegram.api.TelegramBotApi#call(String, java.util.Map)} for any method,
 * a configurable base URL (self-hosted Bot API servers, tests), and 429 {@code retry_after} honoured.
 */
package io.github.remnawaveshop.telegram.api;
