package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.BotCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code setMyCommands}: the command menu, optionally for one language.
 *
 * @param commands the commands, at most 100
 * @param languageCode a two-letter language code, or empty for everyone
 */
public record SetMyCommands(List<BotCommand> commands, Optional<String> languageCode)
    implements BotMethod<Boolean> {
  /** Validates the values. */
  public SetMyCommands {
    commands = List.copyOf(commands);
    if (commands.size() > 100) {
      throw new IllegalArgumentException("at most 100 commands; was " + commands.size());
    }
  }

  /** The commands for everyone. */
  public static SetMyCommands of(List<BotCommand> commands) {
    return new SetMyCommands(commands, Optional.empty());
  }

  @Override
  public String name() {
    return "setMyCommands";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of().put("commands", commands).put("language_code", languageCode).build();
  }

  @Override
  public ResultType<Boolean> resultType() {
    return ResultType.of(Boolean.class);
  }
}
