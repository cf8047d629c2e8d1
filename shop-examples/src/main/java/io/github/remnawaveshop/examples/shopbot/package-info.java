/**
 * The example shop bot: {@link io.github.remnawaveshop.examples.shopbot.ShopBotMain} reads a {@link
 * io.github.remnawaveshop.examples.shopbot.ShopConfig} from the environment and {@code
 * shop.properties} and starts a {@link io.github.remnawaveshop.examples.shopbot.ShopBotApp}: the
 * {@code telegram.shop} conversations on the subscription engine, with every part not configured
 * replaced by an embedded default (PostgreSQL, in-memory primitives, the panel simulator, DemoPay,
 * the Bot API simulator with the chat sandbox), all on one HTTP port. See {@code
 * docs/example-bot.md}.
 */
package io.github.remnawaveshop.examples.shopbot;
