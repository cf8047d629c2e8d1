package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentRouter;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.Notifier;
import io.github.remnawaveshop.core.subscription.OutboxSettings;
import io.github.remnawaveshop.core.subscription.PanelDeletionPolicy;
import io.github.remnawaveshop.core.subscription.ReferralSettings;
import io.github.remnawaveshop.core.subscription.TrialSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything the engine's parts share; built once by the engine builder.
 *
 * @param store the shop's store: every table is read and written through its repositories
 * @param panel the panel client
 * @param gateways the payment gateways
 * @param router the payment router
 * @param clock the time source
 * @param notifier where notices go
 * @param trial trial settings
 * @param referrals referral settings
 * @param reminderDays days before the end at which reminders go out, descending
 * @param renewalLeadDays days before the end at which automatic renewal is attempted
 * @param outbox outbox retry settings
 * @param panelUsernamePrefix prefix of panel user names ({@code tg_} gives {@code tg_<telegramId>})
 * @param orderIds source of new order references
 * @param deletedOnPanel what to do when the panel reports a paying user deleted
 */
public record EngineContext(
    ShopStore store,
    RemnawavePanel panel,
    PaymentGateways gateways,
    PaymentRouter router,
    Clock clock,
    Notifier notifier,
    TrialSettings trial,
    ReferralSettings referrals,
    List<Integer> reminderDays,
    int renewalLeadDays,
    OutboxSettings outbox,
    String panelUsernamePrefix,
    Supplier<String> orderIds,
    PanelDeletionPolicy deletedOnPanel) {

  /** Now, truncated to microseconds (PostgreSQL's precision), so values read back compare equal. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The panel user name of a Telegram user. */
  public String panelUsername(long telegramId) {
    return panelUsernamePrefix + telegramId;
  }
}
