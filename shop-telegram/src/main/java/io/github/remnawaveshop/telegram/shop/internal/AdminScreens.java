package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.dispatch.CallbackCodec;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Filters;
import io.github.remnawaveshop.telegram.dispatch.Router;

/** The admin panel: only the configured admins reach these routes; everyone else gets nothing from them. */
public final class AdminScreens {
  /** Admin screens and actions. */
  public static final CallbackCodec<String> ADMIN = CallbackCodec.ofString("a");

  private AdminScreens() {}

  /** The "Admin" button of the main menu. */
  public static InlineKeyboardButton entryButton(Context ctx) {
    return ADMIN.button(ctx.t("menu.admin"), "menu");
  }

  /** The admin router. */
  public static Router router(ShopServices s) {
    return Router.builder("shop-admin").filter(Filters.userId(s::isAdmin))
        .command("admin", ctx -> ctx.reply("Admin panel"))
        .build();
  }
}
