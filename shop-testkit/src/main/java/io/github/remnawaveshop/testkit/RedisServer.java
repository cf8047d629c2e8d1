package io.github.remnawaveshop.testkit;

import java.net.URI;
import java.util.UUID;

/**
 * A running Redis server. Tests share it and isolate themselves by key prefix ({@link
 * #newKeyPrefix()}); they must never FLUSHALL.
 */
public final class RedisServer {
  private final String host;
  private final int port;
  private final String uri;
  private final String description;

  RedisServer(String host, int port, String uri, String description) {
    this.host = host;
    this.port = port;
    this.uri = uri;
    this.description = description;
  }

  static RedisServer external(String uri) {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          TestServers.REDIS_URL_ENV + " must look like redis://host:port; was " + uri, e);
    }
    if (parsed.getHost() == null || !"redis".equals(parsed.getScheme())) {
      throw new IllegalArgumentException(
          TestServers.REDIS_URL_ENV + " must look like redis://host:port; was " + uri);
    }
    int port = parsed.getPort() < 0 ? 6379 : parsed.getPort();
    return new RedisServer(
        parsed.getHost(), port, uri, "external Redis at " + parsed.getHost() + ":" + port);
  }

  /** Host name or address. */
  public String host() {
    return host;
  }

  /** TCP port. */
  public int port() {
    return port;
  }

  /** A Redis URI ({@code redis://host:port[/db]}) for {@code RedisClient.create(uri)}. */
  public String uri() {
    return uri;
  }

  /** A key prefix no other test in this or another JVM uses, ending with {@code ':'}. */
  public String newKeyPrefix() {
    return "test:" + UUID.randomUUID().toString().substring(0, 13) + ":";
  }

  @Override
  public String toString() {
    return description;
  }
}
