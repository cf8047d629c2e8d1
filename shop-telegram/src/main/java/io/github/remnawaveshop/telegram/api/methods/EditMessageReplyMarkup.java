package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.EditResult;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import java.util.Map;
import java.util.Optional;

/**
 * {@code editMessageReplyMarkup}: only the keyboard.
 *
 * @param chat the chat id
 * @param messageId the message
 * @param keyboard the new keyboard; absent removes it
 */
public record EditMessageReplyMarkup(
    long chat, long messageId, Optional<InlineKeyboardMarkup> keyboard)
    implements BotMethod<EditResult> {

  @Override
  public String name() {
    return "editMessageReplyMarkup";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("message_id", messageId)
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
