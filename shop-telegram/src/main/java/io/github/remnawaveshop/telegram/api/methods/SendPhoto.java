package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.InputFile;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sendPhoto} with uploaded bytes (a QR code) or a known {@code file_id}.
 *
 * @param chat the chat id
 * @param upload the bytes to upload, or empty when {@code fileId} is used
 * @param fileId a photo Telegram already has
 * @param caption 0-1024 characters
 * @param parseMode how the caption is formatted
 * @param keyboard an inline keyboard
 */
public record SendPhoto(
    long chat,
    Optional<InputFile> upload,
    Optional<String> fileId,
    Optional<String> caption,
    Optional<ParseMode> parseMode,
    Optional<InlineKeyboardMarkup> keyboard)
    implements BotMethod<Message> {

  /** Validates the values. */
  public SendPhoto {
    if (upload.isPresent() == fileId.isPresent()) {
      throw new IllegalArgumentException(
          "a photo is either uploaded or a file_id, exactly one of them");
    }
    caption.ifPresent(c -> Params.checkText("caption", c, EditMessageCaption.MAX_CAPTION));
  }

  /** Uploads a photo. */
  public static SendPhoto upload(long chat, InputFile photo) {
    return new SendPhoto(
        chat,
        Optional.of(photo),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** This photo with a caption. */
  public SendPhoto caption(String text) {
    return new SendPhoto(chat, upload, fileId, Optional.of(text), parseMode, keyboard);
  }

  /** This photo with a parse mode for the caption. */
  public SendPhoto parseMode(ParseMode mode) {
    return new SendPhoto(chat, upload, fileId, caption, Optional.of(mode), keyboard);
  }

  /** This photo with an inline keyboard. */
  public SendPhoto keyboard(InlineKeyboardMarkup markup) {
    return new SendPhoto(chat, upload, fileId, caption, parseMode, Optional.of(markup));
  }

  @Override
  public String name() {
    return "sendPhoto";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("photo", fileId)
        .put("caption", caption)
        .put("parse_mode", parseMode)
        .put("reply_markup", keyboard)
        .build();
  }

  @Override
  public Map<String, InputFile> files() {
    return upload.map(f -> Map.of("photo", f)).orElse(Map.of());
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
