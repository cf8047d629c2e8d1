/**
 * The subscription engine: {@link io.github.remnawaveshop.core.subscription.SubscriptionEngine} and
 * the values and SPI around it (plans, subscriptions, orders, the {@link
 * io.github.remnawaveshop.core.subscription.Notifier}). Payments are credited exactly once, in one
 * transaction with the subscription change; panel provisioning goes through an outbox so a panel
 * outage loses nothing. See {@code docs/subscriptions.md}.
 */
@NullMarked
package io.github.remnawaveshop.core.subscription;

import org.jspecify.annotations.NullMarked;
