package io.github.remnawaveshop.core.testing;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * A Redis address that accepts TCP connections but never answers (a listening socket nobody reads),
 * and a Lettuce client for it whose connect hangs until {@code connectTimeout}: the first-connect
 * stall of the cache's and the FSM's outage tests.
 */
public final class SilentRedis implements AutoCloseable {
  private final ServerSocket silent;
  private final RedisClient client;

  /** Listens on a free loopback port and builds a client with the given connect timeout. */
  public SilentRedis(Duration connectTimeout) {
    try {
      silent =
          new ServerSocket(
              0, 50, InetAddress.getLoopbackAddress()); // never accept()ed, never answers
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client =
        RedisClient.create(
            RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(silent.getLocalPort())
                .withTimeout(connectTimeout)
                .build());
    client.setOptions(
        ClientOptions.builder()
            .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
            .build());
  }

  /** The client pointed at the silent address. */
  public RedisClient client() {
    return client;
  }

  @Override
  public void close() throws IOException {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    silent.close();
  }
}
