package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.subscription.BannedUserException;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException;
import io.github.remnawaveshop.core.subscription.ShopUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import io.github.remnawaveshop.core.subscription.TrialNotAvailableException;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.User;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user flows: start, menu, trial, promo, referral, language, help, and the entry to buying and
 * "my subscription".
 */
public final class UserScreens {
  /** FSM state while a user types a bonus promo code. */
  public static final String REDEEM_STATE = "shop.promo.redeem";

  /** FSM data key of a discount code remembered for the next purchase. */
  public static final String PROMO_KEY = "promo";

  private final ShopServices s;
  private final BuyFlow buy;
  private final SubscriptionScreen subscription;
  private final ChannelGate gate;

  private UserScreens(ShopServices s) {
    this.s = s;
    this.buy = new BuyFlow(s, this);
    this.subscription = new SubscriptionScreen(s, this);
    this.gate = new ChannelGate(s);
  }

  /** The user router. */
  public static Router router(ShopServices services) {
    return new UserScreens(services).build();
  }

  private Router build() {
    Router.Builder r = Router.builder("shop-user");
    gate.register(r, this::menu);
    r.command("start", this::start)
        .command("menu", this::menu)
        .command("buy", buy::catalog)
        .command("subscription", subscription::show)
        .command("promo", this::askPromo)
        .command("help", this::help)
        .command("language", this::languages)
        .state(REDEEM_STATE, this::redeem)
        .callback(
            Nav.SCREEN,
            (ctx, screen) -> {
              switch (screen) {
                case "menu" -> menu(ctx);
                case "buy" -> buy.catalog(ctx);
                case "trial" -> trial(ctx);
                case "sub" -> subscription.show(ctx);
                case "promo" -> askPromo(ctx);
                case "ref" -> referral(ctx);
                case "lang" -> languages(ctx);
                case "help" -> help(ctx);
                default -> menu(ctx);
              }
            })
        .callback(Nav.LANGUAGE, this::chooseLanguage);
    buy.register(r);
    subscription.register(r);
    return r.build();
  }

  /** {@code /start [ref_CODE | promo_CODE]}: registers the user and shows the menu. */
  void start(Context ctx) {
    String payload = ctx.commandArgs();
    Optional<String> referral =
        payload.startsWith("ref_") ? Optional.of(payload.substring(4)) : Optional.empty();
    ShopUser user = register(ctx, referral);
    if (referral.isPresent() && user.referredBy().isPresent()) {
      ctx.reply(ctx.t("welcome.referred"));
    }
    if (payload.startsWith("promo_")) {
      redeemCode(ctx, payload.substring(6), false);
    }
    menu(ctx);
  }

  /** Registers (or refreshes) the update's user. */
  ShopUser register(Context ctx, Optional<String> referral) {
    User from = ctx.user().orElseThrow();
    return s.engine().registerUser(from.id(), from.username(), ctx.language(), referral);
  }

  /** The main menu. */
  void menu(Context ctx) {
    long id = ctx.userId();
    boolean maintenance = s.maintenance().active();
    InlineKeyboardMarkup.Builder kb = InlineKeyboardMarkup.builder();
    if (!maintenance) {
      List<InlineKeyboardButton> first = new ArrayList<>();
      first.add(Nav.SCREEN.button(ctx.t("menu.buy"), "buy"));
      if (trialAvailable(id)) {
        first.add(Nav.SCREEN.button(ctx.t("menu.trial"), "trial"));
      }
      kb.row(first);
    }
    kb.row(Nav.SCREEN.button(ctx.t("menu.subscription"), "sub"));
    if (!maintenance) {
      kb.row(
          Nav.SCREEN.button(ctx.t("menu.promo"), "promo"),
          Nav.SCREEN.button(ctx.t("menu.referral"), "ref"));
    }
    kb.row(
        Nav.SCREEN.button(ctx.t("menu.language"), "lang"),
        Nav.SCREEN.button(ctx.t("menu.help"), "help"));
    if (s.isAdmin(id)) {
      kb.row(AdminScreens.entryButton(ctx));
    }
    String text = ctx.t("menu.title", Html.escape(s.shopName()));
    if (maintenance) {
      text = text + "\n\n" + ctx.t("maintenance.notice");
    }
    Screens.show(ctx, text, kb.build());
  }

  /**
   * Whether to offer the trial: never after any subscription (trial or paid), and not in
   * maintenance.
   */
  boolean trialAvailable(long telegramId) {
    return s.store()
        .users()
        .findByTelegramId(telegramId)
        .map(u -> s.store().subscriptions().findLatestByUserId(u.id()).isEmpty())
        .orElse(true);
  }

  private void trial(Context ctx) {
    if (s.maintenance().active()) {
      menu(ctx);
      return;
    }
    register(ctx, Optional.empty());
    try {
      Subscription sub = s.engine().startTrial(ctx.userId());
      ctx.answer();
      Screens.show(
          ctx,
          ctx.t("trial.started", Formats.date(sub.endsAt(), ctx.language())),
          InlineKeyboardMarkup.column(
              List.of(Nav.SCREEN.button(ctx.t("menu.subscription"), "sub"), Screens.back(ctx))));
    } catch (TrialNotAvailableException e) {
      ctx.alert(ctx.t("trial.unavailable"));
    } catch (BannedUserException e) {
      ctx.alert(ctx.t("error.banned"));
    }
  }

  private void askPromo(Context ctx) {
    ctx.fsm().setState(REDEEM_STATE);
    Screens.show(ctx, ctx.t("promo.enter"), Screens.backToMenu(ctx));
  }

  private void redeem(Context ctx) {
    String code = ctx.text().trim();
    if (code.startsWith("/")) {
      ctx.fsm().clear();
      menu(ctx);
      return;
    }
    ctx.fsm().clear();
    redeemCode(ctx, code, true);
  }

  /** Redeems a bonus code, or keeps a discount code for the next purchase. */
  void redeemCode(Context ctx, String code, boolean showMenuButton) {
    register(ctx, Optional.empty());
    try {
      Subscription sub = s.engine().redeemPromoCode(ctx.userId(), code);
      ctx.reply(
          ctx.t("promo.redeemed", Formats.date(sub.endsAt(), ctx.language())),
          InlineKeyboardMarkup.column(
              List.of(Nav.SCREEN.button(ctx.t("menu.subscription"), "sub"), Screens.back(ctx))));
    } catch (PromoCodeRejectedException e) {
      if (e.reason() == PromoCodeRejectedException.Reason.WRONG_KIND) {
        ctx.fsm().update(Map.of(PROMO_KEY, code));
        ctx.reply(
            ctx.t("buy.promo.applied", Html.escape(code)),
            InlineKeyboardMarkup.column(List.of(Nav.SCREEN.button(ctx.t("menu.buy"), "buy"))));
        return;
      }
      ctx.reply(
          ctx.t("promo.rejected", ctx.t("promo.reason." + e.reason().name())),
          showMenuButton ? Screens.backToMenu(ctx) : InlineKeyboardMarkup.builder().build());
    } catch (BannedUserException e) {
      ctx.reply(ctx.t("error.banned"));
    }
  }

  private void referral(Context ctx) {
    ShopUser user = register(ctx, Optional.empty());
    String link = "https://t.me/" + s.botUsername() + "?start=ref_" + user.referralCode();
    long invited = s.store().users().countReferredBy(user.id());
    long days = s.store().referrals().totalBonusDays(user.id());
    Screens.show(
        ctx, ctx.t("referral.title", Html.escape(link), invited, days), Screens.backToMenu(ctx));
  }

  private void languages(Context ctx) {
    InlineKeyboardMarkup.Builder kb = InlineKeyboardMarkup.builder();
    List<InlineKeyboardButton> row = new ArrayList<>();
    for (String lang : s.texts().languages()) {
      row.add(Nav.LANGUAGE.button(s.texts().get(lang, "language.name"), lang));
    }
    kb.row(row).row(Screens.back(ctx));
    Screens.show(ctx, ctx.t("language.title"), kb.build());
  }

  private void chooseLanguage(Context ctx, String lang) {
    if (!s.texts().languages().contains(lang)) {
      languages(ctx);
      return;
    }
    User from = ctx.user().orElseThrow();
    s.engine().registerUser(from.id(), from.username(), lang, Optional.empty());
    s.languageChanged(from.id());
    ctx.language(lang);
    ctx.answer(ctx.t("language.set"));
    menu(ctx);
  }

  private void help(Context ctx) {
    InlineKeyboardMarkup.Builder kb = InlineKeyboardMarkup.builder();
    s.termsUrl().ifPresent(url -> kb.row(InlineKeyboardButton.url(ctx.t("help.terms"), url)));
    kb.row(Screens.back(ctx));
    Screens.show(ctx, ctx.t("help.body", Html.escape(s.support().orElse("@support"))), kb.build());
  }
}
