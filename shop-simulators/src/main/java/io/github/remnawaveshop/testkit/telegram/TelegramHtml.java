package io.github.remnawaveshop.testkit.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Telegram's {@code parse_mode=HTML}: the tags it supports, its four named entities plus numeric
 * ones, and its error messages for broken markup ({@code can't parse entities: …} with UTF-8 byte
 * offsets).
 */
final class TelegramHtml {
  private static final Map<String, String> TAGS = new HashMap<>();

  static {
    TAGS.put("b", "bold");
    TAGS.put("strong", "bold");
    TAGS.put("i", "italic");
    TAGS.put("em", "italic");
    TAGS.put("u", "underline");
    TAGS.put("ins", "underline");
    TAGS.put("s", "strikethrough");
    TAGS.put("strike", "strikethrough");
    TAGS.put("del", "strikethrough");
    TAGS.put("span", "spoiler");
    TAGS.put("tg-spoiler", "spoiler");
    TAGS.put("a", "text_link");
    TAGS.put("code", "code");
    TAGS.put("pre", "pre");
    TAGS.put("blockquote", "blockquote");
    TAGS.put("tg-emoji", "custom_emoji");
  }

  private TelegramHtml() {}

  private record Open(String tag, String type, int start, String url, String language) {}

  static FormattedText parse(String html) {
    StringBuilder plain = new StringBuilder();
    List<FormattedText.Entity> entities = new ArrayList<>();
    Deque<Open> stack = new ArrayDeque<>();
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '&') {
        int semi = html.indexOf(';', i);
        String decoded = semi > i ? entity(html.substring(i + 1, semi)) : null;
        if (decoded != null) {
          plain.append(decoded);
          i = semi + 1;
        } else {
          plain.append(c);
          i++;
        }
        continue;
      }
      if (c != '<') {
        plain.append(c);
        i++;
        continue;
      }
      int close = html.indexOf('>', i);
      if (close < 0) {
        throw error("Unclosed start tag at byte offset " + bytes(html, i));
      }
      String inner = html.substring(i + 1, close);
      if (inner.startsWith("/")) {
        String name = inner.substring(1).trim().toLowerCase(Locale.ROOT);
        if (stack.isEmpty()) {
          throw error("Unexpected end tag at byte offset " + bytes(html, i));
        }
        Open top = stack.peek();
        if (!top.tag().equals(name)) {
          throw error(
              "Unmatched end tag at byte offset "
                  + bytes(html, i)
                  + ", expected \"</"
                  + top.tag()
                  + ">\", found \"</"
                  + name
                  + ">\"");
        }
        stack.pop();
        int length = plain.length() - top.start();
        if (length > 0 && !(top.type().equals("code") && isInsidePre(stack))) {
          entities.add(
              new FormattedText.Entity(top.type(), top.start(), length, top.url(), top.language()));
        } else if (top.type().equals("code") && isInsidePre(stack) && !top.language().isEmpty()) {
          Open pre = stack.pop();
          stack.push(new Open(pre.tag(), pre.type(), pre.start(), pre.url(), top.language()));
        }
      } else {
        int space = indexOfSpace(inner);
        String name = (space < 0 ? inner : inner.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> attrs = space < 0 ? Map.of() : attributes(inner.substring(space));
        String type = TAGS.get(name);
        if (type == null) {
          throw error("Unsupported start tag \"" + name + "\" at byte offset " + bytes(html, i));
        }
        String url = "";
        String language = "";
        if (name.equals("span") && !"tg-spoiler".equals(attrs.get("class"))) {
          throw error(
              "Tag \"span\" must have class \"tg-spoiler\" at byte offset " + bytes(html, i));
        }
        if (name.equals("a")) {
          url = attrs.getOrDefault("href", "");
          if (url.startsWith("tg://user?id=")) {
            type = "text_mention";
          }
        }
        if (name.equals("code") && attrs.containsKey("class")) {
          String cls = attrs.get("class");
          language = cls.startsWith("language-") ? cls.substring("language-".length()) : "";
        }
        if (name.equals("blockquote") && attrs.containsKey("expandable")) {
          type = "expandable_blockquote";
        }
        stack.push(new Open(name, type, plain.length(), url, language));
      }
      i = close + 1;
    }
    if (!stack.isEmpty()) {
      throw error("Can't find end tag corresponding to start tag \"" + stack.peek().tag() + "\"");
    }
    entities.sort(
        (a, b) ->
            a.offset() != b.offset()
                ? Integer.compare(a.offset(), b.offset())
                : Integer.compare(b.length(), a.length()));
    return new FormattedText(plain.toString(), entities);
  }

  private static boolean isInsidePre(Deque<Open> stack) {
    return !stack.isEmpty() && stack.peek().type().equals("pre");
  }

  private static int indexOfSpace(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (Character.isWhitespace(s.charAt(k))) {
        return k;
      }
    }
    return -1;
  }

  private static Map<String, String> attributes(String s) {
    Map<String, String> out = new HashMap<>();
    int k = 0;
    while (k < s.length()) {
      while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
        k++;
      }
      int nameStart = k;
      while (k < s.length() && s.charAt(k) != '=' && !Character.isWhitespace(s.charAt(k))) {
        k++;
      }
      String name = s.substring(nameStart, k).toLowerCase(Locale.ROOT);
      String value = "";
      if (k < s.length() && s.charAt(k) == '=') {
        k++;
        if (k < s.length() && (s.charAt(k) == '"' || s.charAt(k) == '\'')) {
          char q = s.charAt(k);
          int end = s.indexOf(q, k + 1);
          end = end < 0 ? s.length() : end;
          value = s.substring(k + 1, end);
          k = end + 1;
        } else {
          int start = k;
          while (k < s.length() && !Character.isWhitespace(s.charAt(k))) {
            k++;
          }
          value = s.substring(start, k);
        }
      }
      if (!name.isEmpty()) {
        out.put(name, decodeAll(value));
      }
    }
    return out;
  }

  private static String decodeAll(String s) {
    StringBuilder b = new StringBuilder();
    int k = 0;
    while (k < s.length()) {
      int semi = s.charAt(k) == '&' ? s.indexOf(';', k) : -1;
      String d = semi > k ? entity(s.substring(k + 1, semi)) : null;
      if (d != null) {
        b.append(d);
        k = semi + 1;
      } else {
        b.append(s.charAt(k++));
      }
    }
    return b.toString();
  }

  /** The decoded text of {@code &name;}, or null when Telegram would leave it as it is. */
  private static String entity(String name) {
    switch (name) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return "\"";
      default:
        break;
    }
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
      }
      if (name.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(1))));
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  private static int bytes(String s, int charIndex) {
    return s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
  }

  private static ApiError error(String what) {
    return ApiError.badRequest("can't parse entities: " + what);
  }
}
