package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.panel.HwidDevice;
import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import io.github.remnawaveshop.telegram.api.InputFile;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "My subscription": status, days left, traffic, devices, the link as text and QR code, devices
 * reset, new link.
 */
final class SubscriptionScreen {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionScreen.class);

  private final ShopServices s;
  private final UserScreens user;

  SubscriptionScreen(ShopServices s, UserScreens user) {
    this.s = s;
    this.user = user;
  }

  void register(Router.Builder r) {
    r.callback(
        Nav.SUBSCRIPTION,
        (ctx, action) -> {
          switch (action) {
            case "qr" -> qr(ctx);
            case "reset" -> resetDevices(ctx);
            case "revoke" -> revoke(ctx);
            default -> show(ctx);
          }
        });
  }

  void show(Context ctx) {
    Optional<Subscription> sub = s.engine().activeSubscription(ctx.userId());
    if (sub.isEmpty()) {
      Screens.show(
          ctx,
          ctx.t("sub.none"),
          InlineKeyboardMarkup.column(
              List.of(Nav.SCREEN.button(ctx.t("menu.buy"), "buy"), Screens.back(ctx))));
      return;
    }
    Subscription active = sub.get();
    // whole days, rounded up: a 30-day purchase shows 30 days left, not 29 and some hours
    long secondsLeft =
        Math.max(0, Duration.between(s.clock().instant(), active.endsAt()).toSeconds());
    long daysLeft = (secondsLeft + 86_399) / 86_400;
    String status = ctx.t("sub.status." + (active.trial() ? "TRIAL" : active.state().name()));
    StringBuilder text =
        new StringBuilder(
            ctx.t("sub.title", status, Formats.date(active.endsAt(), ctx.language()), daysLeft));
    Optional<PanelUser> panelUser = panelUser(ctx.userId());
    InlineKeyboardMarkup.Builder kb = InlineKeyboardMarkup.builder();
    if (panelUser.isPresent() && panelUser.get().subscriptionUrl().isPresent()) {
      PanelUser p = panelUser.get();
      String unlimited = ctx.t("sub.unlimited");
      text.append('\n')
          .append(
              ctx.t(
                  "sub.traffic",
                  Formats.bytes(p.traffic().usedTrafficBytes(), "0 MB"),
                  Formats.bytes(p.trafficLimitBytes(), unlimited)));
      int devices = devices(p).size();
      text.append('\n')
          .append(
              ctx.t(
                  "sub.devices",
                  devices,
                  p.hwidDeviceLimit().isPresent() && p.hwidDeviceLimit().getAsInt() > 0
                      ? Integer.toString(p.hwidDeviceLimit().getAsInt())
                      : unlimited));
      text.append("\n\n").append(ctx.t("sub.link", Html.escape(p.subscriptionUrl().get())));
      kb.row(
          Nav.SUBSCRIPTION.button(ctx.t("sub.qr"), "qr"),
          Nav.SUBSCRIPTION.button(ctx.t("sub.reset_devices"), "reset"));
      kb.row(Nav.SUBSCRIPTION.button(ctx.t("sub.revoke"), "revoke"));
    } else {
      text.append("\n\n").append(ctx.t("sub.link_pending"));
    }
    if (!s.maintenance().active()) {
      kb.row(Nav.SCREEN.button(ctx.t("sub.renew"), "buy"));
    }
    kb.row(Screens.back(ctx));
    Screens.show(ctx, text.toString(), kb.build());
  }

  private void qr(Context ctx) {
    Optional<String> url = panelUser(ctx.userId()).flatMap(PanelUser::subscriptionUrl);
    if (url.isEmpty()) {
      show(ctx);
      return;
    }
    ctx.answer();
    ctx.replyPhoto(
        InputFile.png("subscription-qr.png", QrCodes.png(url.get(), 480)),
        ctx.t("sub.qr.caption"),
        Optional.of(
            InlineKeyboardMarkup.column(
                List.of(Nav.SCREEN.button(ctx.t("menu.subscription"), "sub"), Screens.back(ctx)))));
  }

  private void resetDevices(Context ctx) {
    Optional<PanelUser> p = panelUser(ctx.userId());
    if (p.isEmpty()) {
      show(ctx);
      return;
    }
    int removed = 0;
    for (HwidDevice d : devices(p.get())) {
      s.panel().deleteHwidDevice(p.get().id(), d.hwid());
      removed++;
    }
    ctx.answer(ctx.t("sub.devices_reset", removed));
    show(ctx);
  }

  private void revoke(Context ctx) {
    Optional<PanelUser> p = panelUser(ctx.userId());
    if (p.isEmpty()) {
      show(ctx);
      return;
    }
    s.panel().revokeSubscription(p.get().id());
    ctx.answer(ctx.t("sub.revoked"));
    show(ctx);
  }

  private List<HwidDevice> devices(PanelUser p) {
    try {
      return s.panel().hwidDevices(p.id());
    } catch (PanelException e) {
      return List.of();
    }
  }

  /**
   * The panel user of a Telegram user (the oldest, as the engine provisions it), or empty when the
   * panel fails.
   */
  private Optional<PanelUser> panelUser(long telegramId) {
    try {
      return s.panel().findByTelegramId(telegramId).stream().findFirst();
    } catch (PanelException e) {
      log.warn("The panel did not answer for user {}: {}", telegramId, e.getMessage());
      return Optional.empty();
    }
  }
}
