package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and validates a {@code reply_markup} the way Telegram does for inline keyboards. */
final class InlineKeyboards {
  private static final List<String> OTHER_KINDS =
      List.of(
          "web_app",
          "login_url",
          "switch_inline_query",
          "switch_inline_query_current_chat",
          "switch_inline_query_chosen_chat",
          "copy_text",
          "callback_game",
          "pay");

  private InlineKeyboards() {}

  /** The parsed markup: the inline keyboard rows (empty if none) and the markup JSON. */
  record Markup(List<List<Button>> rows, JsonNode json) {}

  static Markup parse(RequestParams p) {
    Optional<JsonNode> json;
    try {
      json = p.json("reply_markup");
    } catch (ApiError e) {
      throw ApiError.badRequest("can't parse reply keyboard markup JSON object");
    }
    if (json.isEmpty()) {
      return new Markup(List.of(), null);
    }
    JsonNode markup = json.get();
    JsonNode inline = markup.get("inline_keyboard");
    if (inline == null) {
      return new Markup(List.of(), markup);
    }
    if (!inline.isArray()) {
      throw ApiError.badRequest(
          "can't parse inline keyboard: field \"inline_keyboard\" must be an Array");
    }
    List<List<Button>> rows = new ArrayList<>();
    for (JsonNode row : inline) {
      if (!row.isArray()) {
        throw ApiError.badRequest(
            "can't parse inline keyboard: inline keyboard row must be an Array");
      }
      List<Button> buttons = new ArrayList<>();
      for (JsonNode b : row) {
        buttons.add(button(b));
      }
      if (!buttons.isEmpty()) {
        rows.add(List.copyOf(buttons));
      }
    }
    return new Markup(List.copyOf(rows), markup);
  }

  private static Button button(JsonNode b) {
    if (!b.isObject()) {
      throw ApiError.badRequest(
          "can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    }
    String text = b.path("text").asText("");
    if (text.isEmpty()) {
      throw ApiError.badRequest("can't parse inline keyboard button: Text must be non-empty");
    }
    if (b.hasNonNull("callback_data")) {
      String data = b.get("callback_data").asText();
      int size = data.getBytes(StandardCharsets.UTF_8).length;
      if (size < 1 || size > 64) {
        throw ApiError.badRequest("BUTTON_DATA_INVALID");
      }
      return Button.callback(text, data);
    }
    if (b.hasNonNull("url")) {
      String url = b.get("url").asText();
      if (!(url.startsWith("http://") || url.startsWith("https://") || url.startsWith("tg://"))
          || url.length() < 8) {
        throw ApiError.badRequest("BUTTON_URL_INVALID");
      }
      return Button.link(text, url);
    }
    for (String kind : OTHER_KINDS) {
      if (b.has(kind)) {
        return new Button(text, Optional.empty(), Optional.empty());
      }
    }
    throw ApiError.badRequest(
        "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
}
