package io.github.remnawaveshop.core.testsupport;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * A Redis server of this test's own, which it may stop and start (never the shared one), and a
 * client that reconnects quickly.
 */
public final class ThrowawayRedis implements AutoCloseable {
  /** The server's port, fixed for its lifetime so clients reconnect after a restart. */
  public final int port;

  private redis.embedded.RedisServer server;
  private final ClientResources resources =
      ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(50))).build();

  /** Starts a server on a free port. */
  public ThrowawayRedis() {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start();
  }

  /** Starts (again) on the same port. */
  public void start() {
    try {
      server =
          redis.embedded.RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server: an outage. */
  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client that reconnects every 50 ms while the server is down. */
  public RedisClient newClient() {
    RedisClient c = RedisClient.create(resources, RedisURI.create("127.0.0.1", port));
    c.setOptions(ClientOptions.builder().autoReconnect(true).build());
    return c;
  }

  @Override
  public void close() {
    try {
      if (server.isActive()) {
        server.stop();
      }
    } catch (IOException ignored) {
      // best effort
    }
    resources.shutdown();
  }
}
