package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.PanelWebhookEvent;
import io.github.remnawaveshop.core.store.ShopRepositories;
import io.github.remnawaveshop.core.store.Subscription;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.PanelDeletionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns verified panel webhook events into engine actions, once per delivery. Thread-safe. */
public final class PanelEvents {
  private static final Logger log = LoggerFactory.getLogger(PanelEvents.class);

  /** The provider name panel deliveries are remembered under in {@code shop_webhook_events}. */
  static final String SOURCE = "remnawave-panel";

  private final EngineContext ctx;
  private final boolean expiryReminders;

  /** Creates the handler. */
  public PanelEvents(EngineContext ctx, boolean expiryReminders) {
    this.ctx = ctx;
    this.expiryReminders = expiryReminders;
  }

  /**
   * Handles one event.
   *
   * @return true if it caused an action (a re-provisioning or a reminder), false if it was a
   *     repeat, not about a shop user, or needs nothing
   */
  public boolean handle(PanelWebhookEvent event) {
    Optional<PanelUser> panelUser = event.user();
    if (panelUser.isEmpty()) {
      return false;
    }
    return ctx.store()
        .inTransaction(
            tx -> {
              Instant now = ctx.now();
              if (!tx.webhookEvents().markProcessed(SOURCE, event.deliveryId())) {
                return false;
              }
              Optional<User> user = shopUser(tx, panelUser.get());
              if (user.isEmpty()) {
                return false;
              }
              Optional<Subscription> sub =
                  tx.subscriptions()
                      .findActiveByUserId(user.get().id())
                      .filter(s -> s.endsAt().isAfter(now));
              if ("user.deleted".equals(event.event())) {
                if (sub.isEmpty()) {
                  return false;
                }
                if (ctx.deletedOnPanel() == PanelDeletionPolicy.FLAG) {
                  log.warn(
                      "Panel user {} of shop user {} was deleted on the panel with paid time until {}; left deleted "
                          + "(policy FLAG)",
                      panelUser.get().username(),
                      user.get().telegramId(),
                      sub.get().endsAt());
                  return false;
                }
                log.info(
                    "Panel user {} was deleted on the panel with paid time until {}; provisioning again",
                    panelUser.get().username(),
                    sub.get().endsAt());
                return Credits.provision(
                    tx,
                    user.get().id(),
                    Notice.Kind.ACCESS_RESTORED,
                    "panel-deleted:" + event.deliveryId());
              }
              if (event.isExpiryNotice() && expiryReminders && sub.isPresent()) {
                long daysLeft = Math.max(0, Duration.between(now, sub.get().endsAt()).toDays());
                return Outbox.enqueue(
                    tx,
                    OutboxKind.REMINDER,
                    "panel-reminder:" + event.deliveryId(),
                    Map.of(
                        "userId",
                        user.get().id(),
                        "daysLeft",
                        daysLeft,
                        "endsAt",
                        sub.get().endsAt().getEpochSecond()));
              }
              return false;
            });
  }

  private Optional<User> shopUser(ShopRepositories tx, PanelUser p) {
    if (p.telegramId().isPresent()) {
      Optional<User> byTelegram = tx.users().findByTelegramId(p.telegramId().getAsLong());
      if (byTelegram.isPresent()) {
        return byTelegram;
      }
    }
    Optional<User> byId = tx.users().findByPanelUserId(p.id());
    if (byId.isPresent()) {
      return byId;
    }
    String prefix = ctx.panelUsernamePrefix();
    if (p.username().startsWith(prefix)) {
      try {
        return tx.users().findByTelegramId(Long.parseLong(p.username().substring(prefix.length())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
