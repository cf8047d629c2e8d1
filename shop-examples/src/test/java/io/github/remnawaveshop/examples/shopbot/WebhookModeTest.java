package io.github.remnawaveshop.examples.shopbot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.SentMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A "real" bot (a token, {@code TELEGRAM_API_URL} at a Bot API simulator standing in for Telegram)
 * in webhook mode: the program registers {@code PUBLIC_URL/telegram}, Telegram's updates arrive on
 * the one HTTP port, and the shop answers. Requests without the secret token are refused.
 */
class WebhookModeTest {
  private static final String TOKEN = "4242424242:AAHwebhookModeTestToken000000000000";

  @TempDir Path dataDir;

  @Test
  void updatesArriveOnTheWebhookOfTheOnePort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (BotApiSimulator telegram =
            BotApiSimulator.builder().token(TOKEN).botUsername("webhook_shop_bot").build();
        TestDatabase db = TestServers.postgres().createDatabase();
        ShopBotApp app =
            ShopBotApp.start(
                ShopConfig.from(
                    ConfigSource.of(
                        Map.of(
                            "BOT_TOKEN",
                            TOKEN,
                            "TELEGRAM_API_URL",
                            telegram.baseUrl(),
                            "PUBLIC_URL",
                            "http://127.0.0.1:" + port,
                            "HTTP_PORT",
                            Integer.toString(port),
                            "HTTP_HOST",
                            "127.0.0.1",
                            "DATABASE_URL",
                            db.jdbcUrl(),
                            "ADMIN_IDS",
                            "1",
                            "SHOP_DATA_DIR",
                            dataDir.toString()))))) {
      assertThat(app.botSimulator()).isEmpty();
      assertThat(app.parts().parts())
          .filteredOn(p -> p.name().equals("telegram"))
          .singleElement()
          .satisfies(p -> assertThat(p.embedded()).isFalse());
      assertThat(telegram.webhookUrl()).contains("http://127.0.0.1:" + port + "/telegram");

      telegram.user(77).name("Dana").language("en").sends("/start");
      SentMessage menu =
          telegram
              .chat(77)
              .awaitMessage(m -> m.hasButton("🛒 Buy a subscription"), Duration.ofSeconds(15));
      assertThat(menu.text()).contains("VPN Shop");

      FrontClient front = new FrontClient(app.url());
      assertThat(front.post("/telegram", "application/json", "{\"update_id\":1}").statusCode())
          .isEqualTo(401);
      assertThat(front.get("/").body()).contains("bot is running");
      assertThat(front.get("/sandbox/api/config").statusCode()).isEqualTo(404);
    }
  }
}
