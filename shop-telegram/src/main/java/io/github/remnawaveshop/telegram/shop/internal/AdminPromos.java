package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.store.DuplicateKeyException;
import io.github.remnawaveshop.core.store.NewPromoCode;
import io.github.remnawaveshop.core.store.PageRequest;
import io.github.remnawaveshop.core.store.PromoCode;
import io.github.remnawaveshop.core.store.PromoKind;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Router;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Admin: list promo codes, create one (bonus days or percent, limits, expiry), switch one off,
 * generate N.
 */
final class AdminPromos {
  static final String NEW_STATE = "shop.admin.promo.new";
  static final String GEN_STATE = "shop.admin.promo.gen";

  /** new, gen, or off_ID. */
  static final CallbackCodec<String> ACTION = CallbackCodec.ofString("ap");

  private static final int MAX_GENERATED = 500;
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final ShopServices s;
  private final AdminScreens admin;
  private final SecureRandom random = new SecureRandom();

  AdminPromos(ShopServices s, AdminScreens admin) {
    this.s = s;
    this.admin = admin;
  }

  void register(Router.Builder r) {
    r.state(NEW_STATE, this::created).state(GEN_STATE, this::generated).callback(ACTION, this::act);
  }

  void list(Context ctx) {
    List<PromoCode> codes = s.store().promoCodes().list(PageRequest.first(30), true).items();
    StringBuilder lines = new StringBuilder();
    InlineKeyboardMarkup.Builder kb = InlineKeyboardMarkup.builder();
    List<InlineKeyboardButton> off = new ArrayList<>();
    for (PromoCode c : codes) {
      lines
          .append("• <code>")
          .append(Html.escape(c.code()))
          .append("</code> ")
          .append(c.kind() == PromoKind.BONUS_DAYS ? "+" + c.value() + " d" : "-" + c.value() + "%")
          .append(", ")
          .append(c.activationsCount())
          .append(c.maxActivations().map(m -> "/" + m).orElse(""))
          .append(" used")
          .append(c.validUntil().map(v -> ", until " + Formats.date(v, ctx.language())).orElse(""))
          .append('\n');
      if (off.size() < 10) {
        off.add(ACTION.button(ctx.t("admin.promos.off", c.code()), "off_" + c.id()));
      }
    }
    kb.row(
        ACTION.button(ctx.t("admin.promos.new"), "new"),
        ACTION.button(ctx.t("admin.promos.gen"), "gen"));
    kb.grid(off, 2);
    kb.row(AdminScreens.ADMIN.button(ctx.t("menu.back"), "menu"));
    Screens.show(
        ctx,
        ctx.t(
            "admin.promos.title",
            codes.isEmpty() ? ctx.t("admin.promos.none") : lines.toString().trim()),
        kb.build());
  }

  private void act(Context ctx, String action) {
    if (action.equals("new")) {
      ctx.fsm().setState(NEW_STATE);
      Screens.show(ctx, ctx.t("admin.promos.ask"), admin.backToAdmin(ctx));
    } else if (action.equals("gen")) {
      ctx.fsm().setState(GEN_STATE);
      Screens.show(ctx, ctx.t("admin.promos.gen.ask"), admin.backToAdmin(ctx));
    } else if (action.startsWith("off_")) {
      s.store()
          .promoCodes()
          .setActive(Long.parseLong(action.substring(4)), false)
          .ifPresent(c -> ctx.answer(Html.escape(c.code()) + " off"));
      list(ctx);
    }
  }

  private void created(Context ctx) {
    String[] words = ctx.text().trim().split("\\s+");
    ctx.fsm().clear();
    try {
      if (words.length < 3) {
        throw new IllegalArgumentException("CODE days N | CODE percent N");
      }
      NewPromoCode.Builder b =
          spec(NewPromoCode.builder().code(words[0].toUpperCase(Locale.ROOT)), words, 1);
      PromoCode c = s.store().promoCodes().create(b.build());
      ctx.reply(ctx.t("admin.promos.created", Html.escape(c.code())), admin.backToAdmin(ctx));
    } catch (IllegalArgumentException | DuplicateKeyException e) {
      ctx.reply(ctx.t("admin.promos.bad", Html.escape(e.getMessage())), admin.backToAdmin(ctx));
    }
  }

  private void generated(Context ctx) {
    String[] words = ctx.text().trim().split("\\s+");
    ctx.fsm().clear();
    try {
      if (words.length < 4) {
        throw new IllegalArgumentException("COUNT PREFIX days N | COUNT PREFIX percent N");
      }
      int count = Integer.parseInt(words[0]);
      if (count < 1 || count > MAX_GENERATED) {
        throw new IllegalArgumentException("COUNT must be 1-" + MAX_GENERATED);
      }
      String prefix = words[1].toUpperCase(Locale.ROOT);
      List<String> made = new ArrayList<>();
      while (made.size() < count) {
        String code = prefix + "-" + randomPart(8);
        try {
          s.store()
              .promoCodes()
              .create(spec(NewPromoCode.builder().code(code), words, 2).maxActivations(1).build());
          made.add(code);
        } catch (DuplicateKeyException e) {
          // a collision of random parts: draw again
        }
      }
      String list =
          String.join("\n", made.subList(0, Math.min(made.size(), 50)))
              + (made.size() > 50 ? "\n…" : "");
      ctx.reply(
          ctx.t("admin.promos.generated", made.size(), "<code>" + Html.escape(list) + "</code>"),
          admin.backToAdmin(ctx));
    } catch (IllegalArgumentException e) {
      ctx.reply(ctx.t("admin.promos.bad", Html.escape(e.getMessage())), admin.backToAdmin(ctx));
    }
  }

  /**
   * Reads {@code days N | percent N [max N] [per-user N] [until YYYY-MM-DD]} from {@code
   * words[from]} on.
   */
  private static NewPromoCode.Builder spec(NewPromoCode.Builder b, String[] w, int from) {
    for (int i = from; i < w.length; i += 2) {
      if (i + 1 >= w.length) {
        throw new IllegalArgumentException("'" + w[i] + "' needs a value");
      }
      String key = w[i].toLowerCase(Locale.ROOT);
      String value = w[i + 1];
      try {
        switch (key) {
          case "days" -> b.bonusDays(Integer.parseInt(value));
          case "percent" -> b.percentDiscount(Integer.parseInt(value));
          case "max" -> b.maxActivations(Integer.parseInt(value));
          case "per-user" -> b.perUserLimit(Integer.parseInt(value));
          case "until" ->
              b.validUntil(
                  LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
          default -> throw new IllegalArgumentException("unknown word '" + w[i] + "'");
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new IllegalArgumentException("'" + value + "' is not a valid " + key);
      }
    }
    return b;
  }

  private String randomPart(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
