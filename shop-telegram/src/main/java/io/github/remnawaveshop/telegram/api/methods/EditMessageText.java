package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.EditResult;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import java.util.Map;
import java.util.Optional;

/**
 * {@code editMessageText}. Fails on a photo or document message ("there is no text in the message
 * to edit"): use {@link EditMessageCaption} there, as {@code Context.edit} does by itself.
 *
 * @param chat the chat id
 * @param messageId the message
 * @param text 1-4096 characters
 * @param parseMode how the text is formatted
 * @param keyboard the new inline keyboard (absent removes it)
 * @param disableLinkPreview whether to show no link preview
 */
public record EditMessageText(
    long chat,
    long messageId,
    String text,
    Optional<ParseMode> parseMode,
    Optional<InlineKeyboardMarkup> keyboard,
    boolean disableLinkPreview)
    implements BotMethod<EditResult> {

  /** Validates the values. */
  public EditMessageText {
    Params.checkText("text", text, SendMessage.MAX_TEXT);
  }

  /** New text for a message. */
  public static EditMessageText of(long chat, long messageId, String text) {
    return new EditMessageText(chat, messageId, text, Optional.empty(), Optional.empty(), false);
  }

  /** This edit with a parse mode. */
  public EditMessageText parseMode(ParseMode mode) {
    return new EditMessageText(
        chat, messageId, text, Optional.of(mode), keyboard, disableLinkPreview);
  }

  /** This edit with an inline keyboard. */
  public EditMessageText keyboard(InlineKeyboardMarkup markup) {
    return new EditMessageText(
        chat, messageId, text, parseMode, Optional.of(markup), disableLinkPreview);
  }

  /** This edit without a link preview. */
  public EditMessageText noLinkPreview() {
    return new EditMessageText(chat, messageId, text, parseMode, keyboard, true);
  }

  @Override
  public String name() {
    return "editMessageText";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("message_id", messageId)
        .put("text", text)
        .put("parse_mode", parseMode)
        .put("reply_markup", keyboard)
        .put("link_preview_options", disableLinkPreview ? Map.of("is_disabled", true) : null)
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
