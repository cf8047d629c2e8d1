package io.github.remnawaveshop.testkit.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Telegram's {@code parse_mode=MarkdownV2} (and, leniently, legacy {@code Markdown}): entities,
 * backslash escapes, and the errors for unescaped reserved characters and unclosed entities.
 */
final class TelegramMarkdown {
  private static final String RESERVED = "_*[]()~`>#+-=|{}.!";

  private TelegramMarkdown() {}

  static FormattedText parse(String md, boolean legacy) {
    StringBuilder plain = new StringBuilder();
    List<FormattedText.Entity> entities = new ArrayList<>();
    Map<String, int[]> open = new HashMap<>(); // type -> {plainStart, byteOffset}
    int linkStart = -1;
    int linkByte = 0;
    int quoteStart = -1;
    int i = 0;
    int n = md.length();
    while (i < n) {
      char c = md.charAt(i);
      boolean lineStart = i == 0 || md.charAt(i - 1) == '\n';
      if (!legacy && c == '\\' && i + 1 < n) {
        plain.append(md.charAt(i + 1));
        i += 2;
        continue;
      }
      if (!legacy && c == '>' && lineStart) {
        if (quoteStart < 0) {
          quoteStart = plain.length();
        }
        i++;
        continue;
      }
      if (c == '\n' && quoteStart >= 0 && (i + 1 >= n || md.charAt(i + 1) != '>')) {
        add(entities, "blockquote", quoteStart, plain.length(), "", "");
        quoteStart = -1;
      }
      if (c == '`') {
        boolean pre = md.startsWith("```", i);
        int from = i + (pre ? 3 : 1);
        int end = closing(md, from, pre ? "```" : "`", legacy);
        if (end < 0) {
          throw error(
              legacy
                  ? "Can't find end of the entity starting at byte offset " + bytes(md, i)
                  : "Can't find end of "
                      + (pre ? "Pre" : "Code")
                      + " entity at byte offset "
                      + bytes(md, i));
        }
        String body = md.substring(from, end);
        String language = "";
        if (pre) {
          int nl = body.indexOf('\n');
          if (nl >= 0 && !body.substring(0, nl).isBlank() && !body.substring(0, nl).contains(" ")) {
            language = body.substring(0, nl);
            body = body.substring(nl + 1);
          }
        }
        String text = legacy ? body : body.replaceAll("\\\\([`\\\\])", "$1");
        int start = plain.length();
        plain.append(text);
        add(entities, pre ? "pre" : "code", start, plain.length(), "", language);
        i = end + (pre ? 3 : 1);
        continue;
      }
      String type = null;
      int width = 1;
      if (c == '*') {
        type = "bold";
      } else if (c == '_') {
        if (!legacy && md.startsWith("__", i)) {
          type = "underline";
          width = 2;
        } else {
          type = "italic";
        }
      } else if (!legacy && c == '~') {
        type = "strikethrough";
      } else if (!legacy && c == '|' && md.startsWith("||", i)) {
        type = "spoiler";
        width = 2;
      }
      if (type != null) {
        int[] o = open.remove(type);
        if (o == null) {
          open.put(type, new int[] {plain.length(), bytes(md, i)});
        } else {
          add(entities, type, o[0], plain.length(), "", "");
        }
        i += width;
        continue;
      }
      if (c == '[') {
        if (linkStart >= 0 && !legacy) {
          throw reserved(c);
        }
        linkStart = plain.length();
        linkByte = bytes(md, i);
        i++;
        continue;
      }
      if (c == ']' && linkStart >= 0) {
        if (i + 1 < n && md.charAt(i + 1) == '(') {
          int end = closing(md, i + 2, ")", legacy);
          if (end < 0) {
            throw error("Can't find end of a url at byte offset " + bytes(md, i + 1));
          }
          String url = md.substring(i + 2, end).replaceAll("\\\\([)\\\\])", "$1");
          add(
              entities,
              url.startsWith("tg://user?id=") ? "text_mention" : "text_link",
              linkStart,
              plain.length(),
              url,
              "");
          linkStart = -1;
          i = end + 1;
          continue;
        }
        if (!legacy) {
          throw error("Can't find end of TextUrl entity at byte offset " + linkByte);
        }
      }
      if (!legacy && RESERVED.indexOf(c) >= 0) {
        throw reserved(c);
      }
      plain.append(c);
      i++;
    }
    if (quoteStart >= 0) {
      add(entities, "blockquote", quoteStart, plain.length(), "", "");
    }
    if (linkStart >= 0 && !legacy) {
      throw error("Can't find end of TextUrl entity at byte offset " + linkByte);
    }
    if (!open.isEmpty()) {
      Map.Entry<String, int[]> first =
          open.entrySet().stream()
              .min((a, b) -> Integer.compare(a.getValue()[1], b.getValue()[1]))
              .orElseThrow();
      throw error(
          legacy
              ? "Can't find end of the entity starting at byte offset " + first.getValue()[1]
              : "Can't find end of "
                  + name(first.getKey())
                  + " entity at byte offset "
                  + first.getValue()[1]);
    }
    entities.sort(
        (a, b) ->
            a.offset() != b.offset()
                ? Integer.compare(a.offset(), b.offset())
                : Integer.compare(b.length(), a.length()));
    return new FormattedText(plain.toString(), entities);
  }

  private static int closing(String md, int from, String marker, boolean legacy) {
    int k = from;
    while (k < md.length()) {
      if (!legacy && md.charAt(k) == '\\') {
        k += 2;
        continue;
      }
      if (md.startsWith(marker, k)) {
        return k;
      }
      k++;
    }
    return -1;
  }

  private static void add(
      List<FormattedText.Entity> out,
      String type,
      int start,
      int end,
      String url,
      String language) {
    if (end > start) {
      out.add(new FormattedText.Entity(type, start, end - start, url, language));
    }
  }

  private static String name(String type) {
    switch (type) {
      case "bold":
        return "Bold";
      case "italic":
        return "Italic";
      case "underline":
        return "Underline";
      case "strikethrough":
        return "Strikethrough";
      default:
        return "Spoiler";
    }
  }

  private static ApiError reserved(char c) {
    return error("Character '" + c + "' is reserved and must be escaped with the preceding '\\'");
  }

  private static int bytes(String s, int charIndex) {
    return s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
  }

  private static ApiError error(String what) {
    return ApiError.badRequest("can't parse entities: " + what);
  }
}
