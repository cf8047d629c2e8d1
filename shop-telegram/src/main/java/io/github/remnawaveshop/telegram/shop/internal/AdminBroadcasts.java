package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.store.Broadcast;
import io.github.remnawaveshop.core.store.BroadcastAudience;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admin: compose a broadcast (text, optional URL button), choose the audience, preview, confirm;
 * then the {@link BroadcastRunner} sends it. The draft lives in the admin's FSM data, so a restart
 * keeps it.
 */
final class AdminBroadcasts {
  static final String TEXT_STATE = "shop.admin.bc.text";
  static final String BUTTON_STATE = "shop.admin.bc.button";

  /** skip (no button), aud_AUDIENCE, send, cancel. */
  static final CallbackCodec<String> STEP = CallbackCodec.ofString("ab");

  private final ShopServices s;
  private final AdminScreens admin;
  private final BroadcastRunner runner;

  AdminBroadcasts(ShopServices s, AdminScreens admin, BroadcastRunner runner) {
    this.s = s;
    this.admin = admin;
    this.runner = runner;
  }

  void register(Router.Builder r) {
    r.state(TEXT_STATE, this::textEntered)
        .state(BUTTON_STATE, this::buttonEntered)
        .callback(STEP, this::step);
  }

  void ask(Context ctx) {
    ctx.fsm().clear();
    ctx.fsm().setState(TEXT_STATE);
    Screens.show(ctx, ctx.t("admin.bc.ask"), admin.backToAdmin(ctx));
  }

  private void textEntered(Context ctx) {
    String text = ctx.message().flatMap(m -> m.text()).orElse("").trim();
    if (text.equals("/cancel") || text.isEmpty()) {
      ctx.fsm().clear();
      ctx.reply(ctx.t("admin.bc.cancelled"), admin.backToAdmin(ctx));
      return;
    }
    ctx.fsm().update(Map.of("bc.text", text));
    ctx.fsm().setState(BUTTON_STATE);
    ctx.reply(
        ctx.t("admin.bc.button"),
        InlineKeyboardMarkup.column(List.of(STEP.button(ctx.t("admin.bc.skip"), "skip"))));
  }

  private void buttonEntered(Context ctx) {
    String line = ctx.text().trim();
    if (line.equals("/cancel")) {
      ctx.fsm().clear();
      ctx.reply(ctx.t("admin.bc.cancelled"), admin.backToAdmin(ctx));
      return;
    }
    int bar = line.indexOf('|');
    String label = bar < 0 ? "" : line.substring(0, bar).trim();
    String url = bar < 0 ? "" : line.substring(bar + 1).trim();
    if (label.isEmpty() || label.length() > 64 || !url.matches("https?://\\S+")) {
      ctx.reply(
          ctx.t("admin.bc.bad_button"),
          InlineKeyboardMarkup.column(List.of(STEP.button(ctx.t("admin.bc.skip"), "skip"))));
      return;
    }
    ctx.fsm().update(Map.of("bc.button", label, "bc.url", url));
    audience(ctx);
  }

  private void audience(Context ctx) {
    ctx.fsm().setState("shop.admin.bc.audience");
    InlineKeyboardMarkup.Builder kb = InlineKeyboardMarkup.builder();
    for (BroadcastAudience a : BroadcastAudience.values()) {
      kb.row(
          STEP.button(
              ctx.t("admin.bc.audience." + a.name(), s.store().broadcasts().countAudience(a)),
              "aud_" + a.name()));
    }
    kb.row(STEP.button(ctx.t("admin.bc.cancel"), "cancel"));
    ctx.reply(ctx.t("admin.bc.audience"), kb.build());
  }

  private void step(Context ctx, String step) {
    if (!ctx.fsm().state().map(st -> st.startsWith("shop.admin.bc")).orElse(false)
        && !step.equals("cancel")) {
      admin.menu(ctx);
      return;
    }
    switch (step) {
      case "skip" -> audience(ctx);
      case "cancel" -> {
        ctx.fsm().clear();
        Screens.show(ctx, ctx.t("admin.bc.cancelled"), admin.backToAdmin(ctx));
      }
      case "send" -> send(ctx);
      default -> {
        if (step.startsWith("aud_")) {
          preview(ctx, BroadcastAudience.valueOf(step.substring(4)));
        } else {
          admin.menu(ctx);
        }
      }
    }
  }

  private void preview(Context ctx, BroadcastAudience audience) {
    ctx.fsm().update(Map.of("bc.audience", audience.name()));
    ctx.fsm().setState("shop.admin.bc.confirm");
    SendMessage draft = message(ctx, ctx.chatId());
    ctx.send(draft);
    ctx.reply(
        ctx.t("admin.bc.preview", s.store().broadcasts().countAudience(audience)),
        InlineKeyboardMarkup.builder()
            .row(
                STEP.button(ctx.t("admin.bc.confirm"), "send"),
                STEP.button(ctx.t("admin.bc.cancel"), "cancel"))
            .build());
  }

  private SendMessage message(Context ctx, long chat) {
    SendMessage m =
        SendMessage.to(chat, ctx.fsm().get("bc.text").orElseThrow()).parseMode(ParseMode.HTML);
    Optional<String> label = ctx.fsm().get("bc.button");
    if (label.isPresent()) {
      m =
          m.keyboard(
              InlineKeyboardMarkup.column(
                  List.of(
                      InlineKeyboardButton.url(
                          label.get(), ctx.fsm().get("bc.url").orElseThrow()))));
    }
    return m;
  }

  private void send(Context ctx) {
    if (!ctx.fsm().state().map("shop.admin.bc.confirm"::equals).orElse(false)) {
      admin.menu(ctx);
      return;
    }
    Broadcast b =
        s.store()
            .broadcasts()
            .start(
                ctx.fsm().get("bc.text").orElseThrow(),
                ctx.fsm().get("bc.button"),
                ctx.fsm().get("bc.url"),
                BroadcastAudience.valueOf(ctx.fsm().get("bc.audience").orElseThrow()),
                ctx.userId());
    ctx.fsm().clear();
    ctx.answer();
    runner.start(b, ctx.chatId());
  }
}
