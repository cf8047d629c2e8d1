package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The example shop bot's configuration, read from environment variables over {@code
 * shop.properties} (see {@code docs/example-bot.md} for the table). Every absent part means "use
 * the embedded default". Parsing checks every value and throws a {@link ConfigException} naming the
 * first bad variable. Immutable; {@link #toString()} shows no secrets.
 */
public final class ShopConfig {
  private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,}");
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final Optional<Secret> botToken;
  private final Optional<String> telegramApiUrl;
  private final Set<Long> adminIds;
  private final Optional<String> panelUrl;
  private final Optional<Secret> panelToken;
  private final Optional<String> panelWebhookSecret;
  private final Optional<DatabaseUrl> database;
  private final Optional<String> redisUrl;
  private final Optional<URI> publicUrl;
  private final Optional<String> telegramWebhookSecret;
  private final int httpPort;
  private final String httpHost;
  private final Path dataDir;
  private final String shopName;
  private final Optional<String> support;
  private final Optional<String> termsUrl;
  private final GatewayConfig gateways;

  private ShopConfig(ConfigSource s) {
    this.botToken =
        s.get("BOT_TOKEN")
            .map(
                v -> {
                  if (!TOKEN.matcher(v).matches()) {
                    throw new ConfigException(
                        "BOT_TOKEN",
                        "does not look like a bot token from BotFather (<digits>:<35 characters>)");
                  }
                  return Secret.of(v);
                });
    this.telegramApiUrl =
        s.get("TELEGRAM_API_URL").map(v -> httpUrl("TELEGRAM_API_URL", v).toString());
    this.adminIds = adminIds(s.get("ADMIN_IDS"));
    this.panelUrl = s.get("PANEL_URL").map(v -> httpUrl("PANEL_URL", v).toString());
    this.panelToken = s.get("PANEL_TOKEN").map(Secret::of);
    if (panelUrl.isPresent() && panelToken.isEmpty()) {
      throw new ConfigException(
          "PANEL_TOKEN", "missing; PANEL_URL is set and the panel API needs its token");
    }
    if (panelUrl.isEmpty() && panelToken.isPresent()) {
      throw new ConfigException("PANEL_URL", "missing; PANEL_TOKEN is set but no panel address");
    }
    this.panelWebhookSecret = s.get("PANEL_WEBHOOK_SECRET");
    this.database = s.get(DatabaseUrl.VARIABLE).map(DatabaseUrl::parse);
    this.redisUrl =
        s.get("REDIS_URL")
            .map(
                v -> {
                  if (!v.matches("rediss?://.+")) {
                    throw new ConfigException(
                        "REDIS_URL",
                        "must be redis://[:password@]host[:port][/db] or rediss://...");
                  }
                  return v;
                });
    this.publicUrl =
        s.get("PUBLIC_URL")
            .map(
                v -> {
                  URI u = httpUrl("PUBLIC_URL", v);
                  if (u.getRawQuery() != null || u.getRawFragment() != null) {
                    throw new ConfigException(
                        "PUBLIC_URL",
                        "must be a base address without query or fragment; was '" + v + "'");
                  }
                  return URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
                });
    this.telegramWebhookSecret =
        s.get("TELEGRAM_WEBHOOK_SECRET")
            .map(
                v -> {
                  if (!WEBHOOK_SECRET.matcher(v).matches()) {
                    throw new ConfigException(
                        "TELEGRAM_WEBHOOK_SECRET",
                        "must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
                  }
                  return v;
                });
    if (publicUrl.isPresent() && botToken.isEmpty()) {
      throw new ConfigException(
          "BOT_TOKEN", "missing; PUBLIC_URL (webhook mode) needs a real bot token");
    }
    this.httpPort = s.get("HTTP_PORT").map(ShopConfig::port).orElse(8080);
    this.httpHost = s.get("HTTP_HOST").orElse(botToken.isPresent() ? "0.0.0.0" : "127.0.0.1");
    this.dataDir =
        s.get("SHOP_DATA_DIR")
            .map(
                v -> {
                  try {
                    return Path.of(v);
                  } catch (InvalidPathException e) {
                    throw new ConfigException(
                        "SHOP_DATA_DIR", "is not a valid path: " + e.getReason());
                  }
                })
            .orElse(Path.of(".shop-data"))
            .toAbsolutePath()
            .normalize();
    this.shopName = s.get("SHOP_NAME").orElse("VPN Shop");
    this.support = s.get("SUPPORT_CONTACT");
    this.termsUrl = s.get("TERMS_URL").map(v -> httpUrl("TERMS_URL", v).toString());
    this.gateways = GatewayConfig.from(s);
  }

  /**
   * Parses and checks a configuration.
   *
   * @throws ConfigException for the first missing or malformed value
   */
  public static ShopConfig from(ConfigSource source) {
    return new ShopConfig(source);
  }

  private static URI httpUrl(String variable, String value) {
    URI u;
    try {
      u = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(variable, "is not a URL; was '" + value + "'");
    }
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
      throw new ConfigException(
          variable, "must be an http(s) URL with a host; was '" + value + "'");
    }
    return u;
  }

  private static int port(String v) {
    try {
      int p = Integer.parseInt(v);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        "HTTP_PORT", "must be a port number 0-65535 (0 picks a free one); was '" + v + "'");
  }

  private static Set<Long> adminIds(Optional<String> raw) {
    Set<Long> ids = new LinkedHashSet<>();
    if (raw.isEmpty()) {
      return Set.of();
    }
    for (String part : raw.get().split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        long id = Long.parseLong(p);
        if (id <= 0) {
          throw new NumberFormatException();
        }
        ids.add(id);
      } catch (NumberFormatException e) {
        throw new ConfigException(
            "ADMIN_IDS",
            "'"
                + p
                + "' is not a Telegram user id; expected positive numbers "
                + "separated by commas, e.g. 123456789,987654321");
      }
    }
    return Set.copyOf(ids);
  }

  /** {@code BOT_TOKEN}; absent: the Bot API simulator with the chat sandbox. */
  public Optional<Secret> botToken() {
    return botToken;
  }

  /** {@code TELEGRAM_API_URL}: a local Bot API server instead of Telegram's. */
  public Optional<String> telegramApiUrl() {
    return telegramApiUrl;
  }

  /** {@code ADMIN_IDS}; may be empty. */
  public Set<Long> adminIds() {
    return adminIds;
  }

  /** {@code PANEL_URL}; absent: the Remnawave panel simulator. */
  public Optional<String> panelUrl() {
    return panelUrl;
  }

  /** {@code PANEL_TOKEN}, present exactly when {@link #panelUrl()} is. */
  public Optional<Secret> panelToken() {
    return panelToken;
  }

  /** {@code PANEL_WEBHOOK_SECRET}: enables {@code /webhooks/panel}. */
  public Optional<String> panelWebhookSecret() {
    return panelWebhookSecret;
  }

  /** {@code DATABASE_URL}; absent: embedded PostgreSQL under {@link #dataDir()}. */
  public Optional<DatabaseUrl> database() {
    return database;
  }

  /** {@code REDIS_URL}; absent: in-memory rate limiter, FSM storage and cache. */
  public Optional<String> redisUrl() {
    return redisUrl;
  }

  /** {@code PUBLIC_URL} without a trailing slash; present: webhook mode, absent: long polling. */
  public Optional<URI> publicUrl() {
    return publicUrl;
  }

  /** {@code TELEGRAM_WEBHOOK_SECRET}; absent: a random one per start. */
  public Optional<String> telegramWebhookSecret() {
    return telegramWebhookSecret;
  }

  /** {@code HTTP_PORT} (default 8080; 0 = a free port). */
  public int httpPort() {
    return httpPort;
  }

  /** {@code HTTP_HOST} (default 127.0.0.1 in sandbox mode, 0.0.0.0 with a real bot). */
  public String httpHost() {
    return httpHost;
  }

  /** {@code SHOP_DATA_DIR} (default {@code ./.shop-data}), absolute. */
  public Path dataDir() {
    return dataDir;
  }

  /** {@code SHOP_NAME} (default "VPN Shop"). */
  public String shopName() {
    return shopName;
  }

  /** {@code SUPPORT_CONTACT}, e.g. {@code @shop_support}. */
  public Optional<String> support() {
    return support;
  }

  /** {@code TERMS_URL}. */
  public Optional<String> termsUrl() {
    return termsUrl;
  }

  /** The payment gateways' settings. */
  public GatewayConfig gateways() {
    return gateways;
  }

  @Override
  public String toString() {
    return "ShopConfig[bot="
        + (botToken.isPresent() ? "token" : "simulator")
        + ", admins="
        + adminIds
        + ", panel="
        + panelUrl.orElse("simulator")
        + ", database="
        + database.map(DatabaseUrl::redacted).orElse("embedded")
        + ", redis="
        + (redisUrl.isPresent() ? "set" : "in-memory")
        + ", publicUrl="
        + publicUrl.map(URI::toString).orElse("-")
        + ", http="
        + httpHost
        + ":"
        + httpPort
        + ", dataDir="
        + dataDir
        + ", gateways="
        + gateways.configured()
        + "]";
  }
}
