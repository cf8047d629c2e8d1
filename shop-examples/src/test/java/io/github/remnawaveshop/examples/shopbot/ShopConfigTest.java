package io.github.remnawaveshop.examples.shopbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShopConfigTest {
  private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

  private static ShopConfig parse(Map<String, String> env) {
    return ShopConfig.from(ConfigSource.of(env));
  }

  @Test
  void nothingSetMeansEveryEmbeddedDefault() {
    ShopConfig c = parse(Map.of());
    assertThat(c.botToken()).isEmpty();
    assertThat(c.database()).isEmpty();
    assertThat(c.redisUrl()).isEmpty();
    assertThat(c.panelUrl()).isEmpty();
    assertThat(c.publicUrl()).isEmpty();
    assertThat(c.adminIds()).isEmpty();
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.httpHost()).isEqualTo("127.0.0.1");
    assertThat(c.dataDir()).isEqualTo(Path.of(".shop-data").toAbsolutePath().normalize());
    assertThat(c.gateways().configured()).isEmpty();
  }

  @Test
  void everythingSetIsRead() {
    Map<String, String> env = new HashMap<>();
    env.put("BOT_TOKEN", TOKEN);
    env.put("TELEGRAM_API_URL", "http://127.0.0.1:8081/");
    env.put("ADMIN_IDS", " 42, 43 ,");
    env.put("PANEL_URL", "https://panel.example.com");
    env.put("PANEL_TOKEN", "panel-secret");
    env.put("DATABASE_URL", "postgres://shop:p%40ss@db.example.com:5433/shop?sslmode=require");
    env.put("REDIS_URL", "redis://:pw@redis.example.com:6379/0");
    env.put("PUBLIC_URL", "https://shop.example.com/");
    env.put("HTTP_PORT", "9000");
    env.put("SHOP_DATA_DIR", "/var/lib/shop");
    env.put("STRIPE_SECRET_KEY", "sk_test_x");
    env.put("STRIPE_WEBHOOK_SECRET", "whsec_x");
    ShopConfig c = parse(env);
    assertThat(c.botToken()).isPresent();
    assertThat(c.adminIds()).containsExactlyInAnyOrder(42L, 43L);
    assertThat(c.database().orElseThrow().jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:5433/shop?sslmode=require");
    assertThat(c.database().orElseThrow().user()).contains("shop");
    assertThat(c.database().orElseThrow().password().orElseThrow().reveal()).isEqualTo("p@ss");
    assertThat(c.publicUrl().orElseThrow()).hasToString("https://shop.example.com");
    assertThat(c.httpPort()).isEqualTo(9000);
    assertThat(c.httpHost()).isEqualTo("0.0.0.0");
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/shop"));
    assertThat(c.gateways().configured()).containsExactly("stripe");
    assertThat(c.gateways().settings("stripe").require("secret-key")).isEqualTo("sk_test_x");
    assertThat(c.toString()).doesNotContain("p@ss", "panel-secret", "sk_test_x", TOKEN);
  }

  @Test
  void environmentWinsOverThePropertiesFile() {
    Properties file = new Properties();
    file.setProperty("HTTP_PORT", "9001");
    file.setProperty("ADMIN_IDS", "7");
    ShopConfig c = ShopConfig.from(ConfigSource.of(Map.of("HTTP_PORT", "9002"), file));
    assertThat(c.httpPort()).isEqualTo(9002);
    assertThat(c.adminIds()).containsExactly(7L);
  }

  @Test
  void gatewaySettingsAlsoComeWithTheLongPrefixAndAsProperties() {
    Properties file = new Properties();
    file.setProperty("shop.payments.paypal.client-id", "id");
    ShopConfig c =
        ShopConfig.from(
            ConfigSource.of(
                Map.of("SHOP_PAYMENTS_PAYPAL_CLIENT_SECRET", "s", "PAYPAL_WEBHOOK_ID", "w"), file));
    assertThat(c.gateways().settings("paypal").names())
        .containsExactly("client-id", "client-secret", "webhook-id");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BOT_TOKEN        | not-a-token        | BOT_TOKEN: does not look like a bot token",
        "TELEGRAM_API_URL | ftp://x            | TELEGRAM_API_URL: must be an http(s) URL",
        "ADMIN_IDS        | 42,abc             | ADMIN_IDS: 'abc' is not a Telegram user id",
        "ADMIN_IDS        | -5                 | ADMIN_IDS: '-5' is not a Telegram user id",
        "PANEL_URL        | panel.example.com  | PANEL_URL: must be an http(s) URL",
        "DATABASE_URL     | mysql://u:p@h/db   | DATABASE_URL: must start with jdbc:postgresql://",
        "DATABASE_URL     | postgres://u:p@h   | DATABASE_URL: names no database",
        "DATABASE_URL     | jdbc:mysql://h/db  | DATABASE_URL: must be a jdbc:postgresql://",
        "REDIS_URL        | localhost:6379     | REDIS_URL: must be redis://",
        "HTTP_PORT        | 80800              | HTTP_PORT: must be a port number",
        "HTTP_PORT        | http               | HTTP_PORT: must be a port number",
        "TERMS_URL        | terms              | TERMS_URL: must be an http(s) URL",
        "TELEGRAM_WEBHOOK_SECRET | has space   | TELEGRAM_WEBHOOK_SECRET: must be 1-256 characters",
        "STARS_CHECKOUT   | popup              | STARS_CHECKOUT: must be link or chat",
        "STARS_ENABLED    | maybe              | STARS_ENABLED: must be true or false",
      })
  void aBadValueIsOneLineNamingTheVariable(String variable, String value, String message) {
    assertThatThrownBy(() -> parse(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(variable));
  }

  @Test
  void theDatabasePasswordIsNeverRepeated() {
    assertThatThrownBy(() -> parse(Map.of("DATABASE_URL", "postgres://u:topsecret@h")))
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void partsThatGoTogetherAreChecked() {
    assertThatThrownBy(() -> parse(Map.of("PANEL_URL", "https://panel.example.com")))
        .hasMessageStartingWith("PANEL_TOKEN: missing");
    assertThatThrownBy(() -> parse(Map.of("PANEL_TOKEN", "t")))
        .hasMessageStartingWith("PANEL_URL: missing");
    assertThatThrownBy(() -> parse(Map.of("PUBLIC_URL", "https://shop.example.com")))
        .hasMessageStartingWith("BOT_TOKEN: missing");
    assertThatThrownBy(
            () -> parse(Map.of("PUBLIC_URL", "https://shop.example.com/x?y=1", "BOT_TOKEN", TOKEN)))
        .hasMessageStartingWith("PUBLIC_URL: must be a base address");
  }

  @Test
  void aHalfConfiguredGatewayNamesTheMissingVariable() {
    assertThatThrownBy(() -> parse(Map.of("STRIPE_SECRET_KEY", "sk_test_x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("STRIPE_WEBHOOK_SECRET: missing")
        .hasMessageNotContaining("sk_test_x");
    assertThatThrownBy(
            () -> parse(Map.of("ROBOKASSA_MERCHANT_LOGIN", "shop", "ROBOKASSA_PASSWORD1", "a")))
        .hasMessageStartingWith("ROBOKASSA_PASSWORD2: missing");
  }

  @Test
  void aGatewayRefusingAValueIsExplainedByItsVariable() {
    assertThat(
            GatewayConfig.explain(
                    new io.github.remnawaveshop.core.payment.GatewayConfigurationException(
                        "robokassa",
                        java.util.List.of("setting 'base-url' must be an http(s) URL; was 'x'")))
                .getMessage())
        .isEqualTo("ROBOKASSA_BASE_URL: must be an http(s) URL; was 'x'");
  }

  @Test
  void mainPrintsOneLineAndExitsWithTwo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ShopBotMain.run(
            ConfigSource.of(Map.of("HTTP_PORT", "nope")),
            new PrintStream(out, true, "UTF-8"),
            new PrintStream(err, true, "UTF-8"));
    assertThat(code).isEqualTo(ShopBotMain.CONFIG_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(
            "Configuration error: HTTP_PORT: must be a port number 0-65535 (0 picks a free one); was 'nope'");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anUnreachableDatabaseIsOneLineToo() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ShopBotMain.run(
            ConfigSource.of(
                Map.of(
                    "HTTP_PORT", "0", "DATABASE_URL", "postgres://shop:hunter2@127.0.0.1:1/shop")),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, "UTF-8"));
    assertThat(code).isEqualTo(ShopBotMain.CONFIG_ERROR);
    String line = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(line)
        .startsWith("Configuration error: DATABASE_URL: cannot connect to PostgreSQL")
        .doesNotContain("\n")
        .doesNotContain("hunter2");
  }
}
