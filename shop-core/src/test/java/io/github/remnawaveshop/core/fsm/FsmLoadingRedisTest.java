package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that is still loading its data set after a restart, as a tiny RESP server: it completes
 * the client's handshake (HELLO refused, so RESP2; PING and CLIENT answered) and answers every data
 * command with {@code -LOADING}, which a real Redis does for as long as loading a large RDB takes.
 */
class FsmLoadingRedisTest {
  private ServerSocket server;
  private Thread acceptor;
  private RedisClient client;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "fake-loading-redis");
    acceptor.setDaemon(true);
    acceptor.start();
    client = RedisClient.create(RedisURI.create("127.0.0.1", server.getLocalPort()));
  }

  @AfterEach
  void close() throws IOException {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    server.close();
  }

  private void serve() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> answer(s), "fake-loading-redis-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void answer(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream()) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("*")) {
          continue;
        }
        int parts = Integer.parseInt(line.substring(1));
        String command = null;
        for (int i = 0; i < parts; i++) {
          in.readLine(); // $<length>
          String part = in.readLine();
          if (i == 0) {
            command = part.toUpperCase(Locale.ROOT);
          }
        }
        String reply;
        switch (command) {
          case "HELLO" -> reply = "-ERR unknown command 'HELLO'\r\n";
          case "PING" -> reply = "+PONG\r\n";
          case "CLIENT", "SELECT", "AUTH" -> reply = "+OK\r\n";
          default -> reply = "-LOADING Redis is loading the dataset in memory\r\n";
        }
        out.write(reply.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Test
  void aLoadingReplyCountsAsAnOutage() {
    try (FsmStorage fsm =
        FsmStorage.builder()
            .redis(client)
            .redisTimeout(Duration.ofSeconds(2))
            .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)
            .build()) {
      StorageKey key = StorageKey.of(1, 2, 3);
      assertThat(fsm.getState(key)).isEmpty();
      fsm.setState(key, "in-memory");
      assertThat(fsm.getState(key)).contains("in-memory");
      assertThat(fsm.stats().fallbackOperations()).isEqualTo(3);
    }
  }
}
