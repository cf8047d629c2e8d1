package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.User;
import java.util.Map;

/** {@code getMe}: the bot's own user; a cheap health probe. */
public record GetMe() implements BotMethod<User> {
  @Override
  public String name() {
    return "getMe";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of();
  }

  @Override
  public ResultType<User> resultType() {
    return ResultType.of(User.class);
  }
}
