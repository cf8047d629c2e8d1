package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.core.subscription.ShopUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Admin: find a user by Telegram id or @username; profile, subscription, last payments; extend,
 * ban, unban.
 */
final class AdminUsers {
  static final String LOOKUP_STATE = "shop.admin.user";

  /** An action on a user: {@code ext7}, {@code ext30}, {@code ban}, {@code unban}, {@code show}. */
  static final CallbackCodec<Action> ACTION =
      CallbackCodec.of(
          "au",
          f -> new Action(Long.parseLong(f.get(0)), f.get(1)),
          a -> List.of(Long.toString(a.telegramId()), a.action()));

  /**
   * An admin action on a user.
   *
   * @param telegramId the user
   * @param action what to do
   */
  record Action(long telegramId, String action) {}

  private final ShopServices s;
  private final AdminScreens admin;

  AdminUsers(ShopServices s, AdminScreens admin) {
    this.s = s;
    this.admin = admin;
  }

  void register(Router.Builder r) {
    r.state(LOOKUP_STATE, this::lookup).callback(ACTION, this::act);
  }

  void ask(Context ctx) {
    ctx.fsm().setState(LOOKUP_STATE);
    Screens.show(ctx, ctx.t("admin.users.ask"), admin.backToAdmin(ctx));
  }

  private void lookup(Context ctx) {
    String query = ctx.text().trim();
    ctx.fsm().clear();
    if (query.startsWith("/")) {
      admin.menu(ctx);
      return;
    }
    Optional<ShopUser> user = s.engine().findUser(query);
    if (user.isEmpty()) {
      ctx.reply(ctx.t("admin.users.unknown", Html.escape(query)), admin.backToAdmin(ctx));
      return;
    }
    profile(ctx, user.get());
  }

  private void act(Context ctx, Action a) {
    switch (a.action()) {
      case "ext7", "ext30" -> {
        int days = a.action().equals("ext7") ? 7 : 30;
        Subscription sub = s.engine().extend(a.telegramId(), days, "admin " + ctx.userId());
        ctx.answer(ctx.t("admin.users.extended", days, Formats.date(sub.endsAt(), ctx.language())));
      }
      case "ban" -> {
        s.engine().setBanned(a.telegramId(), true);
        ctx.answer(ctx.t("admin.users.banned"));
      }
      case "unban" -> {
        s.engine().setBanned(a.telegramId(), false);
        ctx.answer(ctx.t("admin.users.unbanned"));
      }
      default -> {}
    }
    s.engine()
        .findUser(Long.toString(a.telegramId()))
        .ifPresentOrElse(u -> profile(ctx, u), () -> admin.menu(ctx));
  }

  private void profile(Context ctx, ShopUser u) {
    boolean banned =
        s.store().users().findByTelegramId(u.telegramId()).map(x -> x.banned()).orElse(false);
    String sub =
        s.engine()
            .activeSubscription(u.telegramId())
            .map(
                x ->
                    ctx.t(
                        "admin.users.sub",
                        x.trial() ? "trial" : x.state().name(),
                        Formats.date(x.endsAt(), ctx.language())))
            .orElse(ctx.t("admin.users.no_sub"));
    List<Payment> payments = s.engine().recentPayments(u.telegramId(), 5);
    String paid =
        payments.isEmpty()
            ? ctx.t("admin.users.no_payments")
            : payments.stream()
                .map(
                    p ->
                        "• "
                            + Formats.date(p.createdAt(), ctx.language())
                            + " "
                            + Formats.money(p.amount())
                            + " "
                            + Html.escape(p.provider())
                            + " "
                            + p.status())
                .collect(Collectors.joining("\n"));
    String text =
        ctx.t(
            "admin.users.profile",
            Long.toString(u.telegramId()),
            u.username().map(n -> "@" + Html.escape(n)).orElse(""),
            u.language(),
            Html.escape(u.referralCode()),
            banned ? "✅" : "—",
            sub,
            paid);
    long id = u.telegramId();
    InlineKeyboardMarkup kb =
        InlineKeyboardMarkup.builder()
            .row(
                ACTION.button(ctx.t("admin.users.extend", 7), new Action(id, "ext7")),
                ACTION.button(ctx.t("admin.users.extend", 30), new Action(id, "ext30")))
            .row(
                banned
                    ? ACTION.button(ctx.t("admin.users.unban"), new Action(id, "unban"))
                    : ACTION.button(ctx.t("admin.users.ban"), new Action(id, "ban")))
            .row(AdminScreens.ADMIN.button(ctx.t("menu.back"), "menu"))
            .build();
    Screens.show(ctx, text, kb);
  }
}
