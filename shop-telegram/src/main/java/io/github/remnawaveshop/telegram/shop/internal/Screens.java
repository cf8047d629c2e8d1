package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.telegram.api.types.CallbackQuery;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.dispatch.Context;
import java.util.List;

/**
 * Showing a screen: edit the pressed message in place, or replace it when it is a photo, or send a
 * new one.
 */
public final class Screens {
  private Screens() {}

  /**
   * Shows {@code text} with {@code keyboard}: a command gets a new message; a button press edits
   * its message, except a photo or invoice (a QR code), which is replaced — editing its text fails
   * and its caption is no place for a menu.
   */
  public static void show(Context ctx, String text, InlineKeyboardMarkup keyboard) {
    boolean media =
        ctx.callbackQuery().flatMap(CallbackQuery::message).map(Message::hasMedia).orElse(false);
    if (media) {
      ctx.replace(text, keyboard);
    } else {
      ctx.edit(text, keyboard);
    }
  }

  /** A one-button keyboard back to the main menu. */
  public static InlineKeyboardMarkup backToMenu(Context ctx) {
    return InlineKeyboardMarkup.column(List.of(back(ctx)));
  }

  /** The "back to menu" button. */
  public static InlineKeyboardButton back(Context ctx) {
    return Nav.SCREEN.button(ctx.t("menu.back"), "menu");
  }
}
