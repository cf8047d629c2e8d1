package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.InputFile;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sendDocument} with uploaded bytes (a backup archive, a config file).
 *
 * @param chat the chat id
 * @param document the file
 * @param caption 0-1024 characters
 * @param parseMode how the caption is formatted
 */
public record SendDocument(
    long chat, InputFile document, Optional<String> caption, Optional<ParseMode> parseMode)
    implements BotMethod<Message> {

  /** Validates the values. */
  public SendDocument {
    caption.ifPresent(c -> Params.checkText("caption", c, EditMessageCaption.MAX_CAPTION));
  }

  /** Uploads a file. */
  public static SendDocument upload(long chat, InputFile document) {
    return new SendDocument(chat, document, Optional.empty(), Optional.empty());
  }

  /** This document with a caption. */
  public SendDocument caption(String text) {
    return new SendDocument(chat, document, Optional.of(text), parseMode);
  }

  @Override
  public String name() {
    return "sendDocument";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("caption", caption)
        .put("parse_mode", parseMode)
        .build();
  }

  @Override
  public Map<String, InputFile> files() {
    return Map.of("document", document);
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
