package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.subscription.BannedUserException;
import io.github.remnawaveshop.core.subscription.NotFoundException;
import io.github.remnawaveshop.core.subscription.Plan;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException;
import io.github.remnawaveshop.core.subscription.Purchase;
import io.github.remnawaveshop.core.subscription.PurchaseException;
import io.github.remnawaveshop.core.subscription.PurchaseRequest;
import io.github.remnawaveshop.core.subscription.Quote;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Buying: catalog → plan (price in the user's currency, promo code) → payment method → checkout or
 * invoice.
 */
final class BuyFlow {
  /** FSM state while a user types a discount code for a plan. */
  static final String PROMO_STATE = "shop.promo.purchase";

  private final ShopServices s;
  private final UserScreens user;

  BuyFlow(ShopServices s, UserScreens user) {
    this.s = s;
    this.user = user;
  }

  void register(Router.Builder r) {
    r.callback(Nav.PLAN, this::plan)
        .callback(Nav.PLAN_PROMO, this::askPromo)
        .state(PROMO_STATE, this::promoEntered)
        .callback(Nav.PAY, this::pay);
  }

  void catalog(Context ctx) {
    if (s.maintenance().active()) {
      user.menu(ctx);
      return;
    }
    String currency = s.currencyFor(ctx.language());
    List<InlineKeyboardButton> plans = new ArrayList<>();
    for (Plan p : s.engine().catalog()) {
      Optional<Money> price = p.price(currency).or(() -> p.prices().values().stream().findFirst());
      price.ifPresent(
          m ->
              plans.add(
                  Nav.PLAN.button(
                      ctx.t("buy.plan.button", p.title(), p.durationDays(), Formats.money(m)),
                      p.code())));
    }
    InlineKeyboardMarkup kb =
        InlineKeyboardMarkup.builder().grid(plans, 1).row(Screens.back(ctx)).build();
    Screens.show(ctx, ctx.t("buy.title"), kb);
  }

  private void plan(Context ctx, String code) {
    if (s.maintenance().active()) {
      user.menu(ctx);
      return;
    }
    Optional<Plan> found = s.engine().plan(code);
    if (found.isEmpty()) {
      catalog(ctx);
      return;
    }
    user.register(ctx, Optional.empty());
    Plan plan = found.get();
    Optional<String> promo = ctx.fsm().get(UserScreens.PROMO_KEY);
    List<String> currencies = currencies(plan, ctx.language());
    List<InlineKeyboardButton> methods = new ArrayList<>();
    Quote shown = null;
    for (String currency : currencies) {
      Quote quote;
      try {
        quote = s.engine().quote(ctx.userId(), plan.code(), currency, promo);
      } catch (PromoCodeRejectedException e) {
        // the remembered code does not apply to this plan: price it without
        ctx.fsm().update(Map.of(UserScreens.PROMO_KEY, ""));
        promo = Optional.empty();
        quote = s.engine().quote(ctx.userId(), plan.code(), currency, Optional.empty());
      } catch (NotFoundException e) {
        continue;
      }
      if (shown == null) {
        shown = quote;
      }
      for (PaymentGateway g :
          s.engine().paymentOptions(ctx.userId(), quote.price(), Optional.empty())) {
        methods.add(
            Nav.PAY.button(
                ctx.t("buy.method.button", gatewayName(g), Formats.money(quote.price())),
                new Nav.Pay(plan.code(), g.id(), currency)));
      }
    }
    if (shown == null) {
      Screens.show(ctx, ctx.t("buy.no_methods"), Screens.backToMenu(ctx));
      return;
    }
    String unlimited = ctx.t("sub.unlimited");
    String traffic = Formats.bytes(plan.trafficLimitBytes(), unlimited);
    String devices = plan.deviceLimit() <= 0 ? unlimited : Integer.toString(plan.deviceLimit());
    String text =
        shown.promoCode().isPresent() && !shown.price().equals(shown.listPrice())
            ? ctx.t(
                "buy.plan.discounted",
                Html.escape(plan.title()),
                shown.days(),
                traffic,
                devices,
                Formats.money(shown.listPrice()),
                Formats.money(shown.price()),
                Html.escape(shown.promoCode().get()))
            : ctx.t(
                "buy.plan",
                Html.escape(plan.title()),
                shown.days(),
                traffic,
                devices,
                Formats.money(shown.price()));
    if (methods.isEmpty()) {
      text = text + "\n\n" + ctx.t("buy.no_methods");
    } else {
      text = text + "\n\n" + ctx.t("buy.methods");
    }
    InlineKeyboardMarkup kb =
        InlineKeyboardMarkup.builder()
            .grid(methods, 1)
            .row(Nav.PLAN_PROMO.button(ctx.t("buy.promo"), plan.code()))
            .row(Nav.SCREEN.button(ctx.t("menu.back"), "buy"))
            .build();
    Screens.show(ctx, text, kb);
  }

  /** The user's currency first, then Stars, then whatever else the plan is sold in. */
  private List<String> currencies(Plan plan, String language) {
    Set<String> order = new LinkedHashSet<>();
    String mine = s.currencyFor(language);
    if (plan.prices().containsKey(mine)) {
      order.add(mine);
    }
    if (plan.prices().containsKey("XTR")) {
      order.add("XTR");
    }
    if (order.isEmpty()) {
      order.addAll(plan.prices().keySet());
    }
    return List.copyOf(order);
  }

  private static String gatewayName(PaymentGateway g) {
    return switch (g.id()) {
      case "stars" -> "Telegram Stars";
      case "stripe" -> "Stripe";
      case "paypal" -> "PayPal";
      case "robokassa" -> "Robokassa";
      case "demopay" -> "DemoPay";
      default -> g.id();
    };
  }

  private void askPromo(Context ctx, String plan) {
    ctx.fsm().setState(PROMO_STATE);
    ctx.fsm().update(Map.of("plan", plan));
    Screens.show(
        ctx,
        ctx.t("buy.promo.enter"),
        InlineKeyboardMarkup.column(List.of(Nav.PLAN.button(ctx.t("menu.back"), plan))));
  }

  private void promoEntered(Context ctx) {
    String code = ctx.text().trim();
    String plan = ctx.fsm().get("plan").orElse("");
    if (code.startsWith("/")) {
      ctx.fsm().clear();
      user.menu(ctx);
      return;
    }
    try {
      s.engine()
          .quote(
              ctx.userId(),
              plan,
              currencies(s.engine().plan(plan).orElseThrow(), ctx.language()).get(0),
              Optional.of(code));
      ctx.fsm().clear();
      ctx.fsm().update(Map.of(UserScreens.PROMO_KEY, code));
      ctx.reply(ctx.t("buy.promo.applied", Html.escape(code)));
      plan(ctx, plan);
    } catch (PromoCodeRejectedException e) {
      ctx.reply(
          ctx.t("promo.rejected", ctx.t("promo.reason." + e.reason().name())),
          InlineKeyboardMarkup.column(List.of(Nav.PLAN.button(ctx.t("menu.back"), plan))));
    } catch (RuntimeException e) {
      ctx.fsm().clear();
      catalog(ctx);
    }
  }

  private void pay(Context ctx, Nav.Pay pay) {
    if (s.maintenance().active()) {
      user.menu(ctx);
      return;
    }
    Optional<String> promo = ctx.fsm().get(UserScreens.PROMO_KEY).filter(p -> !p.isEmpty());
    // one order per pressed message and choice: a double tap or a redelivered press returns the
    // same checkout
    long messageId =
        ctx.callbackQuery().flatMap(q -> q.message()).map(m -> m.messageId()).orElse(0L);
    String key =
        "tg:"
            + ctx.chatId()
            + ":"
            + messageId
            + ":"
            + pay.plan()
            + ":"
            + pay.gateway()
            + ":"
            + pay.currency()
            + ":"
            + promo.orElse("");
    PurchaseRequest request =
        new PurchaseRequest(
            ctx.userId(),
            pay.plan(),
            pay.currency(),
            promo,
            Optional.of(pay.gateway()),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.of(key.length() > 128 ? key.substring(0, 128) : key));
    Purchase purchase;
    try {
      purchase = s.engine().purchase(request);
    } catch (BannedUserException e) {
      ctx.alert(ctx.t("error.banned"));
      return;
    } catch (PromoCodeRejectedException e) {
      ctx.fsm().update(Map.of(UserScreens.PROMO_KEY, ""));
      ctx.alert(ctx.t("promo.rejected", ctx.t("promo.reason." + e.reason().name())));
      return;
    } catch (PurchaseException | NotFoundException e) {
      ctx.alert(ctx.t("buy.unavailable"));
      return;
    }
    // the code stays remembered: a second press must make the same key; once used up, pricing drops
    // it
    Checkout checkout = purchase.checkout();
    Optional<String> link =
        checkout
            .paymentUrl()
            .map(Object::toString)
            .or(() -> Optional.ofNullable(checkout.invoice().get("link")).map(Object::toString));
    String amount = Formats.money(purchase.order().amount());
    InlineKeyboardMarkup.Builder kb = InlineKeyboardMarkup.builder();
    link.ifPresent(url -> kb.row(InlineKeyboardButton.url(ctx.t("buy.pay", amount), url)));
    kb.row(Screens.back(ctx));
    ctx.answer();
    Screens.show(
        ctx, ctx.t("buy.checkout", Html.escape(purchase.order().reference()), amount), kb.build());
  }
}
