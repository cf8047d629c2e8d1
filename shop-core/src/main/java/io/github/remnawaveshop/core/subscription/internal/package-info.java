/**
 * Implementation of the subscription engine on the store (core.store repositories; no SQL here):
 * the payment applier, the outbox worker and the scheduled jobs. Not API: these types may change in
 * any release; use {@link io.github.remnawaveshop.core.subscription.SubscriptionEngine}.
 */
@NullMarked
package io.github.remnawaveshop.core.subscription.internal;

import org.jspecify.annotations.NullMarked;
