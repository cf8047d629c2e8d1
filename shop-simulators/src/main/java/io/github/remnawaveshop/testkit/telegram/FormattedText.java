package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * Text as Telegram stores it after parsing a {@code parse_mode}: the plain text and its entities
 * (offsets and lengths in UTF-16 code units, as in the wire format).
 */
record FormattedText(String plain, List<Entity> entities) {
  FormattedText {
    entities = List.copyOf(entities);
  }

  /** One {@code MessageEntity}; {@code url} for text_link, {@code language} for pre, else "". */
  record Entity(String type, int offset, int length, String url, String language) {}

  static FormattedText plain(String text) {
    return new FormattedText(text, List.of());
  }

  /** Parses {@code text} in {@code parseMode} (null or "" for none), or throws a 400 ApiError. */
  static FormattedText parse(String text, String parseMode) {
    if (parseMode == null || parseMode.isEmpty()) {
      return plain(text);
    }
    switch (parseMode) {
      case "HTML":
        return TelegramHtml.parse(text);
      case "MarkdownV2":
        return TelegramMarkdown.parse(text, false);
      case "Markdown":
        return TelegramMarkdown.parse(text, true);
      default:
        throw ApiError.badRequest("unsupported parse_mode");
    }
  }

  ArrayNode entitiesJson() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Entity e : entities) {
      var o =
          a.addObject().put("offset", e.offset()).put("length", e.length()).put("type", e.type());
      if (!e.url().isEmpty()) {
        o.put("url", e.url());
      }
      if (!e.language().isEmpty()) {
        o.put("language", e.language());
      }
    }
    return a;
  }
}
