package io.github.remnawaveshop.telegram.api.types;

/**
 * How Telegram formats message text. Escape user or panel text with {@code TextEscaper} for the
 * mode used.
 */
public enum ParseMode {
  /** HTML tags ({@code <b>}, {@code <i>}, {@code <a href>}, {@code <code>}, …). */
  HTML("HTML"),
  /** MarkdownV2. */
  MARKDOWN_V2("MarkdownV2");

  private final String wire;

  ParseMode(String wire) {
    this.wire = wire;
  }

  /** The value sent as {@code parse_mode}. */
  public String wire() {
    return wire;
  }
}
