/**
 * Telegram layer of the shop SDK: Bot API client, update dispatcher, ready shop conversations and the
 * Telegram Stars payment gateway.
 *
 * <p>Status (0.1.0-SNAPSHOT): the module is reserved and published empty; its components are planned in
 * {@code docs/architecture.md} and land in later releases. Nothing here is API yet.
 */
package io.github.remnawaveshop.telegram;
