package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sendMessage}.
 *
 * @param chat the chat id
 * @param text 1-4096 characters
 * @param parseMode how the text is formatted
 * @param keyboard an inline keyboard
 * @param disableLinkPreview whether to show no link preview
 */
public record SendMessage(
    long chat,
    String text,
    Optional<ParseMode> parseMode,
    Optional<InlineKeyboardMarkup> keyboard,
    boolean disableLinkPreview)
    implements BotMethod<Message> {

  /** Telegram's limit on message text. */
  public static final int MAX_TEXT = 4096;

  /** Validates the values. */
  public SendMessage {
    Params.checkText("text", text, MAX_TEXT);
  }

  /** Plain text to a chat. */
  public static SendMessage to(long chat, String text) {
    return new SendMessage(chat, text, Optional.empty(), Optional.empty(), false);
  }

  /** This message with a parse mode. */
  public SendMessage parseMode(ParseMode mode) {
    return new SendMessage(chat, text, Optional.of(mode), keyboard, disableLinkPreview);
  }

  /** This message with an inline keyboard. */
  public SendMessage keyboard(InlineKeyboardMarkup markup) {
    return new SendMessage(chat, text, parseMode, Optional.of(markup), disableLinkPreview);
  }

  /** This message without a link preview. */
  public SendMessage noLinkPreview() {
    return new SendMessage(chat, text, parseMode, keyboard, true);
  }

  @Override
  public String name() {
    return "sendMessage";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("text", text)
        .put("parse_mode", parseMode)
        .put("reply_markup", keyboard)
        .put("link_preview_options", disableLinkPreview ? Map.of("is_disabled", true) : null)
        .build();
  }

  @Override
  public ResultType<Message> resultType() {
    return ResultType.of(Message.class);
  }

  @Override
  public boolean isOutgoingMessage() {
    return true;
  }
}
