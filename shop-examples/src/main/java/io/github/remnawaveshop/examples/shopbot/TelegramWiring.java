package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.ops.HealthCheck;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.health.TelegramHealthCheck;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.ChatSandbox;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Telegram: the Bot API with {@code BOT_TOKEN} (at {@code TELEGRAM_API_URL} when set), or — with no
 * token — the Bot API simulator and its chat sandbox page, with two demo users and an admin. In
 * sandbox mode the admin's id goes into the admin list when {@code ADMIN_IDS} is empty.
 *
 * @param bot the client every reply goes through
 * @param simulator the simulator, in sandbox mode
 * @param sandbox the chat page, in sandbox mode (mounted at {@code /} by the HTTP front)
 * @param admins the admins' Telegram ids
 * @param health a probe of the Bot API ({@code getMe})
 */
record TelegramWiring(
    TelegramBot bot,
    Optional<BotApiSimulator> simulator,
    Optional<ChatSandbox> sandbox,
    Set<Long> admins,
    HealthCheck health) {
  /** The sandbox's demo users. */
  static final long ALICE = 1001;

  /** The second demo user (Russian texts). */
  static final long BOB = 1002;

  /** The sandbox admin's id when {@code ADMIN_IDS} is empty. */
  static final long SANDBOX_ADMIN = 1000;

  static TelegramWiring open(ShopConfig config, Resources resources, StartupReport report) {
    if (config.botToken().isPresent()) {
      TelegramBot.Builder b = TelegramBot.builder().token(config.botToken().get());
      config.telegramApiUrl().ifPresent(b::baseUrl);
      TelegramBot bot = resources.add("telegram bot", b.build());
      report.real(
          "telegram",
          "Bot API at "
              + config.telegramApiUrl().orElse("https://api.telegram.org/")
              + (config.publicUrl().isPresent()
                  ? ", webhook " + config.publicUrl().get() + "/telegram"
                  : ", long polling"));
      if (config.adminIds().isEmpty()) {
        report.real("admins", "none: set ADMIN_IDS to use /admin");
      }
      return new TelegramWiring(
          bot, Optional.empty(), Optional.empty(), config.adminIds(), health(bot));
    }
    BotApiSimulator sim =
        resources.add(
            "bot api simulator",
            BotApiSimulator.builder()
                .botUsername("remnashop_demo_bot")
                .botName(config.shopName())
                .build());
    Set<Long> admins = config.adminIds().isEmpty() ? Set.of(SANDBOX_ADMIN) : config.adminIds();
    long admin = admins.iterator().next();
    ChatSandbox sandbox =
        resources.add(
            "chat sandbox",
            ChatSandbox.builder()
                .simulator(sim)
                .user(ALICE, "Alice")
                .user(BOB, "Bob")
                .user(admin, "Admin")
                .title(config.shopName() + " — sandbox")
                .build());
    sim.user(ALICE).username("alice").language("en");
    sim.user(BOB).username("bob").language("ru");
    sim.user(admin).username("shop_admin").language("en");
    TelegramBot bot =
        resources.add(
            "telegram bot",
            TelegramBot.builder().token(Secret.of(sim.token())).baseUrl(sim.baseUrl()).build());
    report.embedded(
        "telegram",
        "Bot API simulator at "
            + sim.baseUrl()
            + ", long polling; chat sandbox users "
            + "Alice ("
            + ALICE
            + "), Bob ("
            + BOB
            + "), Admin ("
            + admin
            + ")");
    Set<Long> all = new LinkedHashSet<>(admins);
    return new TelegramWiring(
        bot, Optional.of(sim), Optional.of(sandbox), Set.copyOf(all), health(bot));
  }

  private static HealthCheck health(TelegramBot bot) {
    return TelegramHealthCheck.of(bot);
  }
}
