package io.github.remnawaveshop.examples.shopbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.remnawaveshop.testkit.TestDatabase;
import io.github.remnawaveshop.testkit.TestServers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code REDIS_URL} the limiter, FSM storage and cache are on Redis, and health probes it. */
class RedisPrimitivesTest {
  @TempDir Path dataDir;

  @Test
  void redisIsRealWhenConfigured() throws Exception {
    try (TestDatabase db = TestServers.postgres().createDatabase();
        ShopBotApp app =
            ShopBotApp.start(
                ShopConfig.from(
                    ConfigSource.of(
                        Map.of(
                            "HTTP_PORT",
                            "0",
                            "DATABASE_URL",
                            db.jdbcUrl(),
                            "REDIS_URL",
                            TestServers.redis().uri(),
                            "SHOP_DATA_DIR",
                            dataDir.toString()))))) {
      assertThat(app.parts().parts())
          .filteredOn(p -> p.name().equals("redis"))
          .singleElement()
          .satisfies(p -> assertThat(p.embedded()).isFalse());
      FrontClient front = new FrontClient(app.url());
      JsonNode health = FrontClient.JSON.readTree(front.get("/health").body());
      assertThat(health.path("components").findValuesAsText("name")).contains("redis");
      assertThat(health.path("status").asText()).isEqualTo("HEALTHY");
      front.send(TelegramWiring.ALICE, "/start");
      front.awaitBotMessage(TelegramWiring.ALICE, m -> FrontClient.hasData(m, "m:buy"));
    }
  }
}
