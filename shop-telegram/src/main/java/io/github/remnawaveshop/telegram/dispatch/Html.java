package io.github.remnawaveshop.telegram.dispatch;

/**
 * Escapes text for Telegram's HTML parse mode: user names, promo codes, anything from users or the
 * panel.
 */
public final class Html {
  private Html() {}

  /**
   * {@code <}, {@code >} and {@code &} escaped (all Telegram's HTML mode requires; quotes too, for
   * attributes).
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
