package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.MessageId;
import java.util.Map;
import java.util.Optional;

/**
 * {@code copyMessage}: a message sent again without the "forwarded" header (broadcasts of a
 * composed post).
 *
 * @param chat the target chat
 * @param fromChat the source chat
 * @param messageId the source message
 * @param keyboard an inline keyboard for the copy
 */
public record CopyMessage(
    long chat, long fromChat, long messageId, Optional<InlineKeyboardMarkup> keyboard)
    implements BotMethod<MessageId> {

  /** A copy without a keyboard. */
  public static CopyMessage of(long chat, long fromChat, long messageId) {
    return new CopyMessage(chat, fromChat, messageId, Optional.empty());
  }

  @Override
  public String name() {
    return "copyMessage";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("chat_id", chat)
        .put("from_chat_id", fromChat)
        .put("message_id", messageId)
        .put("reply_markup", keyboard)
        .build();
  }

  @Override
  public ResultType<MessageId> resultType() {
    return ResultType.of(MessageId.class);
  }

  @Override
  public boolean isOutgoingMessage() {
    return true;
  }
}
