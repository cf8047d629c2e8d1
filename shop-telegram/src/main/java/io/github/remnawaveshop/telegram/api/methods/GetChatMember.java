package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.ChatMember;
import java.util.Map;

/**
 * {@code getChatMember}: e.g. whether a user joined the shop's channel (the bot must be an admin
 * there).
 *
 * @param chat a numeric chat id or {@code @channelusername}
 * @param userId the user
 */
public record GetChatMember(String chat, long userId) implements BotMethod<ChatMember> {
  /** Validates the values. */
  public GetChatMember {
    if (chat == null || !(chat.matches("-?\\d+") || chat.matches("@[A-Za-z0-9_]{4,}"))) {
      throw new IllegalArgumentException(
          "chat must be a numeric id or @username; was '" + chat + "'");
    }
  }

  /** A member of a chat given by numeric id. */
  public static GetChatMember of(long chat, long userId) {
    return new GetChatMember(Long.toString(chat), userId);
  }

  @Override
  public String name() {
    return "getChatMember";
  }

  @Override
  public Map<String, Object> parameters() {
    Object id = chat.startsWith("@") ? chat : (Object) Long.parseLong(chat);
    return Params.of().put("chat_id", id).put("user_id", userId).build();
  }

  @Override
  public ResultType<ChatMember> resultType() {
    return ResultType.of(ChatMember.class);
  }
}
