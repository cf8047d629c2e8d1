package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.EditResult;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import java.util.Map;
import java.util.Optional;

/**
 * {@code editMessageCaption}: the text of a photo or document message.
 *
 * @param chat the chat id
 * @param messageId the message
 * @param caption 0-1024 characters
 * @param parseMode how the caption is formatted
 * @param keyboard the new inline keyboard
 */
public record EditMessageCaption(
    long chat,
    long messageId,
    String caption,
    Optional<ParseMode> parseMode,
    Optional<InlineKeyboardMarkup> keyboard)
    implements BotMethod<EditResult> {

  /** Telegram's limit on captions. */
  public static final int MAX_CAPTION = 1024;

  /** Validates the values. */
  public EditMessageCaption {
    if (caption == null || caption.length() > MAX_CAPTION) {
      throw new IllegalArgumentException("caption must be at most " + MAX_CAPTION + " characters");
    }
  }

  /** A new caption. */
  public static EditMessageCaption of(long chat, long messageId, String caption) {
    return new EditMessageCaption(chat, messageId, caption, Optional.empty(), Optional.empty());
  }

  /** This edit with a parse mode. */
  public EditMessageCaption parseMode(ParseMode mode) {
    return new EditMessageCaption(chat, messageId, caption, Optional.of(mode), keyboard);
  }

  /** This edit with an inline keyboard. */
  public EditMessageCaption keyboard(InlineKeyboardMarkup markup) {
    return new EditMessageCaption(chat, messageId, caption, parseMode, Optional.of(markup));
  }

  @Override
  public String name() {
    return "editMessageCaption";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("message_id", messageId)
        .put("caption", caption)
        .put("parse_mode", parseMode)
        .put("reply_markup", keyboard)
        .build();
  }

  @Override
  public ResultType<EditResult> resultType() {
    return ResultType.edit();
  }

  @Override
  public boolean isOutgoingMessage() {
    return true;
  }
}
