package io.github.remnawaveshop.examples.shopbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program with nothing configured but a free port and a data directory: an embedded PostgreSQL
 * is started in that directory, and what the shop stored is still there after a restart.
 */
class EmbeddedDefaultsTest {
  @TempDir Path dataDir;

  @Test
  void startsOnEmbeddedDefaultsAndKeepsItsDataAcrossRestarts() throws Exception {
    Map<String, String> env = Map.of("HTTP_PORT", "0", "SHOP_DATA_DIR", dataDir.toString());
    try (ShopBotApp app = ShopBotApp.start(ShopConfig.from(ConfigSource.of(env)))) {
      assertThat(app.parts().parts()).allMatch(StartupReport.Part::embedded);
      HttpResponse<String> health = new FrontClient(app.url()).get("/health");
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode report = FrontClient.JSON.readTree(health.body());
      assertThat(report.path("status").asText()).isEqualTo("HEALTHY");
      app.engine().registerUser(777, Optional.of("carol"), "en", Optional.empty());
      assertThat(app.engine().catalog()).hasSize(3);
    }
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    try (ShopBotApp again = ShopBotApp.start(ShopConfig.from(ConfigSource.of(env)))) {
      assertThat(again.engine().findUser("777")).isPresent();
      assertThat(again.engine().catalog()).hasSize(3);
    }
  }
}
