package io.github.remnawaveshop.core.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the shop tells a user, handed to the {@link Notifier}.
 *
 * @param kind what happened
 * @param telegramId the user to tell
 * @param endsAt the subscription's end right after the event the notice is about (a trial's notice
 *     says the trial's end even when a purchase has extended the subscription since)
 * @param daysLeft for reminders, whole days left; 0 otherwise
 * @param subscriptionUrl the panel's subscription link, when known
 */
public record Notice(
    Kind kind, long telegramId, Instant endsAt, int daysLeft, Optional<String> subscriptionUrl) {

  /** What the notice is about. */
  public enum Kind {
    /** A trial was provisioned. */
    TRIAL_STARTED,
    /** A payment was credited and provisioned. */
    PAYMENT_CREDITED,
    /**
     * A payment was credited but the panel could not be provisioned at the first attempt (down or
     * slow): the money arrived and access is being set up. Sent once per payment, before the {@link
     * #PAYMENT_CREDITED} that follows when provisioning succeeds; {@link Notice#endsAt()} is the
     * paid end.
     */
    PAYMENT_RECEIVED_PENDING,
    /** A promo code's bonus days were provisioned. */
    PROMO_REDEEMED,
    /** Days for inviting someone were provisioned. */
    REFERRAL_REWARD,
    /** A refund took days back. */
    REFUNDED,
    /** The subscription ends soon ({@link Notice#daysLeft()}). */
    EXPIRY_REMINDER,
    /** Automatic renewal was not possible; the user must pay by hand. */
    RENEWAL_NEEDED,
    /**
     * The panel access was repaired by reconciliation or re-created after a panel-side deletion.
     */
    ACCESS_RESTORED
  }

  /** Validates. */
  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(subscriptionUrl, "subscriptionUrl");
  }
}
