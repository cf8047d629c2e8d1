/**
 * Implementation of the subscription engine: SQL, the payment applier, the outbox worker and the scheduled
 * jobs. Not API: these types may change in any release; use
 * {@link io.github.remnawaveshop.core.subscription.SubscriptionEngine}.
 */
package io.github.remnawaveshop.core.subscription.internal;
