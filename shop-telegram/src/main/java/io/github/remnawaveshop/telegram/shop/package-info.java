/**
 * The ready shop conversations on top of {@code core.subscription.SubscriptionEngine}: {@link
 * io.github.remnawaveshop.telegram.shop.ShopBot} yields the routers (user flows and the admin
 * panel) to add to a {@code Dispatcher}, next to a host bot's own handlers. Screens and texts live
 * in {@code telegram.shop.internal} and the {@code shop-messages} bundles; see docs/shop-bot.md.
 */
package io.github.remnawaveshop.telegram.shop;
