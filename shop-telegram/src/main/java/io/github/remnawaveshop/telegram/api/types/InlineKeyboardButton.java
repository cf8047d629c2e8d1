package io.github.remnawaveshop.telegram.api.types;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A button of an inline keyboard: either callback data or a URL. Callback data longer than {@value
 * #MAX_CALLBACK_DATA_BYTES} bytes (UTF-8) is refused here, when the keyboard is built, not when
 * Telegram rejects the message.
 *
 * @param text the label
 * @param callbackData data sent back in a callback query
 * @param url a link opened by the button
 */
public record InlineKeyboardButton(
    String text, Optional<String> callbackData, Optional<String> url) {
  /** Telegram's limit on callback data. */
  public static final int MAX_CALLBACK_DATA_BYTES = 64;

  /** Validates the button. */
  public InlineKeyboardButton {
    Objects.requireNonNull(text, "text");
    callbackData = Types.opt(callbackData);
    url = Types.opt(url);
    callbackData.ifPresent(
        data -> {
          int bytes = data.getBytes(StandardCharsets.UTF_8).length;
          if (bytes == 0 || bytes > MAX_CALLBACK_DATA_BYTES) {
            throw new IllegalArgumentException(
                "callback data must be 1-64 bytes in UTF-8; '" + data + "' is " + bytes);
          }
        });
  }

  /** A button that sends {@code data} back as a callback query. */
  public static InlineKeyboardButton callback(String text, String data) {
    return new InlineKeyboardButton(text, Optional.of(data), Optional.empty());
  }

  /** A button that opens {@code url}. */
  public static InlineKeyboardButton url(String text, String url) {
    return new InlineKeyboardButton(text, Optional.empty(), Optional.of(url));
  }
}
