package io.github.remnawaveshop.testkit;

import java.util.Locale;

/**
 * Entry point to the real servers tests run against. Each server is resolved once per JVM, on first
 * use, and shared by every test class; isolation comes from a fresh database per {@link
 * PostgresServer#createDatabase()} and a fresh key prefix per {@link RedisServer#newKeyPrefix()}.
 *
 * <p>This is the one deliberate static in the SDK: a test JVM has one set of servers, the way it
 * has one class path. Production code never uses it.
 */
public final class TestServers {
  /**
   * Environment variable holding a JDBC URL with credentials, e.g. {@code
   * jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
   */
  public static final String POSTGRES_URL_ENV = "SHOP_TEST_POSTGRES_URL";

  /** Environment variable holding a Redis URI, e.g. {@code redis://127.0.0.1:6379}. */
  public static final String REDIS_URL_ENV = "SHOP_TEST_REDIS_URL";

  /**
   * Environment variable choosing the fallback: {@code embedded} (default) or {@code
   * testcontainers}.
   */
  public static final String SERVERS_ENV = "SHOP_TEST_SERVERS";

  private static PostgresServer postgres;
  private static RedisServer redis;

  private TestServers() {}

  /** The PostgreSQL server for this JVM, started or located on first call. */
  public static synchronized PostgresServer postgres() {
    if (postgres == null) {
      String url = env(POSTGRES_URL_ENV);
      if (url != null) {
        postgres = PostgresServer.external(url);
      } else if (useTestcontainers()) {
        postgres = ContainerServers.postgres();
      } else {
        postgres = EmbeddedServers.postgres();
      }
    }
    return postgres;
  }

  /** The Redis server for this JVM, started or located on first call. */
  public static synchronized RedisServer redis() {
    if (redis == null) {
      String url = env(REDIS_URL_ENV);
      if (url != null) {
        redis = RedisServer.external(url);
      } else if (useTestcontainers()) {
        redis = ContainerServers.redis();
      } else {
        redis = EmbeddedServers.redis();
      }
    }
    return redis;
  }

  private static boolean useTestcontainers() {
    String mode = env(SERVERS_ENV);
    return mode != null && mode.toLowerCase(Locale.ROOT).equals("testcontainers");
  }

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
    }
    return value == null || value.isBlank() ? null : value.trim();
  }
}
