package io.github.remnawaveshop.telegram.health;

import io.github.remnawaveshop.core.ops.HealthCheck;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.GetMe;
import io.github.remnawaveshop.telegram.api.types.User;
import java.util.Objects;

/**
 * The Bot API as a {@link HealthCheck}: probes {@code getMe} (cheap, not rate-limited in practice,
 * and it fails with 401 when the token was revoked). Healthy detail is the bot's {@code @username};
 * a failure's detail is the client's message, which never contains the token. Register it with
 * {@code HealthMonitor.builder().check(TelegramHealthCheck.of(bot))}.
 */
public final class TelegramHealthCheck {
  /** The component name in health reports. */
  public static final String NAME = "telegram";

  private TelegramHealthCheck() {}

  /** A check named {@value #NAME} probing {@code getMe} on the bot. */
  public static HealthCheck of(TelegramBot bot) {
    return of(NAME, bot);
  }

  /** A check with another name (several bots). */
  public static HealthCheck of(String name, TelegramBot bot) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bot, "bot");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return HealthCheck.of(
        name,
        () -> {
          User me = bot.execute(new GetMe());
          if (!me.isBot()) {
            throw new IllegalStateException(
                "getMe answered a user that is not a bot (id " + me.id() + ")");
          }
          return me.username().map(u -> "@" + u).orElse("bot " + me.id());
        });
  }
}
