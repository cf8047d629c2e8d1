package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import java.util.Map;

/**
 * {@code deleteMessage}.
 *
 * @param chat the chat id
 * @param messageId the message
 */
public record DeleteMessage(long chat, long messageId) implements BotMethod<Boolean> {
  @Override
  public String name() {
    return "deleteMessage";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of().put("chat_id", chat).put("message_id", messageId).build();
  }

  @Override
  public ResultType<Boolean> resultType() {
    return ResultType.of(Boolean.class);
  }
}
