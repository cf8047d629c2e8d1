/**
 * Notices of the subscription engine as Telegram messages: {@link
 * io.github.remnawaveshop.telegram.notify.TelegramNotifier} implements {@code
 * core.subscription.Notifier} over the bot's bulk lane, with texts from resource bundles and a
 * callback for users who blocked the bot. See {@code docs/telegram-notifier.md}.
 */
package io.github.remnawaveshop.telegram.notify;
