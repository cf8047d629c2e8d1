package io.github.remnawaveshop.testkit.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Renders Telegram text (plain text plus entities) as safe HTML for the sandbox page: every
 * character of the text is escaped and only a fixed set of tags is emitted, so nothing the bot
 * sends can inject markup or script.
 */
final class EntityHtml {
  private EntityHtml() {}

  static String render(FormattedText text) {
    String plain = text.plain();
    List<FormattedText.Entity> entities = new ArrayList<>(text.entities());
    entities.sort(
        (a, b) ->
            a.offset() != b.offset()
                ? Integer.compare(a.offset(), b.offset())
                : Integer.compare(b.length(), a.length()));
    StringBuilder out = new StringBuilder(plain.length() + 32);
    Deque<FormattedText.Entity> open = new ArrayDeque<>();
    int next = 0;
    for (int i = 0; i <= plain.length(); i++) {
      while (!open.isEmpty() && open.peek().offset() + open.peek().length() <= i) {
        out.append(close(open.pop()));
      }
      if (i == plain.length()) {
        break;
      }
      while (next < entities.size() && entities.get(next).offset() == i) {
        FormattedText.Entity e = entities.get(next++);
        // entities that would cross an open one are dropped rather than mis-nested
        if (open.isEmpty()
            || e.offset() + e.length() <= open.peek().offset() + open.peek().length()) {
          out.append(openTag(e));
          open.push(e);
        }
      }
      while (next < entities.size() && entities.get(next).offset() < i) {
        next++;
      }
      escape(plain.charAt(i), out);
    }
    while (!open.isEmpty()) {
      out.append(close(open.pop()));
    }
    return out.toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      escape(s.charAt(i), out);
    }
    return out.toString();
  }

  private static void escape(char c, StringBuilder out) {
    switch (c) {
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '&':
        out.append("&amp;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        out.append(c);
    }
  }

  private static boolean safeUrl(String url) {
    String u = url.trim().toLowerCase(java.util.Locale.ROOT);
    return u.startsWith("http://")
        || u.startsWith("https://")
        || u.startsWith("tg://")
        || u.startsWith("mailto:");
  }

  private static String openTag(FormattedText.Entity e) {
    switch (e.type()) {
      case "bold":
        return "<b>";
      case "italic":
        return "<i>";
      case "underline":
        return "<u>";
      case "strikethrough":
        return "<s>";
      case "spoiler":
        return "<span class=\"spoiler\">";
      case "code":
        return "<code>";
      case "pre":
        return "<pre>";
      case "blockquote":
      case "expandable_blockquote":
        return "<blockquote>";
      case "text_link":
        return safeUrl(e.url())
            ? "<a href=\"" + escape(e.url()) + "\" target=\"_blank\" rel=\"noopener noreferrer\">"
            : "<span class=\"badlink\">";
      default:
        return "<span>";
    }
  }

  private static String close(FormattedText.Entity e) {
    switch (e.type()) {
      case "bold":
        return "</b>";
      case "italic":
        return "</i>";
      case "underline":
        return "</u>";
      case "strikethrough":
        return "</s>";
      case "code":
        return "</code>";
      case "pre":
        return "</pre>";
      case "blockquote":
      case "expandable_blockquote":
        return "</blockquote>";
      case "text_link":
        return safeUrl(e.url()) ? "</a>" : "</span>";
      default:
        return "</span>";
    }
  }
}
