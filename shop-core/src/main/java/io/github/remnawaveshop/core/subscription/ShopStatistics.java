package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.payment.Money;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Shop figures for admin screens, from {@link SubscriptionEngine#statistics}.
 *
 * @param since the start of the period the "new" and revenue figures cover
 * @param at when the figures were read (active subscriptions are judged at this instant)
 * @param usersTotal all registered users
 * @param usersNewSince users registered at or after {@code since}
 * @param usersWithActiveSubscription users with access now (paid or trial)
 * @param trialsGranted users who were ever granted the trial
 * @param activeTrials users whose current access is a trial
 * @param revenue per currency code, payments paid at or after {@code since} and not refunded
 *     (unmodifiable, by currency code; empty when none)
 */
public record ShopStatistics(
    Instant since,
    Instant at,
    long usersTotal,
    long usersNewSince,
    long usersWithActiveSubscription,
    long trialsGranted,
    long activeTrials,
    Map<String, Money> revenue) {

  /** Checks the fields and copies the revenue map. */
  public ShopStatistics {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(at, "at");
    revenue = Map.copyOf(revenue);
  }
}
