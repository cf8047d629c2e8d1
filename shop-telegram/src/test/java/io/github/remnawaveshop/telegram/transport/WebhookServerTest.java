package io.github.remnawaveshop.telegram.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.SimulatedBot;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.Filters;
import io.github.remnawaveshop.telegram.dispatch.Router;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook: secret check, size cap, bad JSON, fast 200, and delivery from the simulator on
 * parallel connections.
 */
class WebhookServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newHttpClient();
  private BotApiSimulator sim;
  private TelegramBot bot;

  @RegisterExtension final SimulatedBot tg = SimulatedBot.unthrottled();

  @BeforeEach
  void start() {
    sim = tg.sim();
    bot = tg.bot();
  }

  private int post(int port, String secret, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      b.header(WebhookServer.SECRET_HEADER, secret);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void rejectsMissingOrWrongSecretsOversizedBodiesAndJunk() throws Exception {
    List<String> handled = new CopyOnWriteArrayList<>();
    Router router = Router.builder().text(Filters.any(), ctx -> handled.add(ctx.text())).build();
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build()) {
      WebhookServer webhook =
          WebhookServer.builder()
              .bot(bot)
              .dispatcher(d)
              .port(0)
              .bindAddress("127.0.0.1")
              .secretToken(Secret.of("right_secret"))
              .build();
      webhook.start();
      try {
        int port = webhook.boundPort();
        String update =
            "{\"update_id\":9,\"message\":{\"message_id\":1,\"from\":{\"id\":42,\"is_bot\":false,"
                + "\"first_name\":\"A\"},\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1,\"text\":\"hi\"}}";
        assertThat(post(port, null, update)).isEqualTo(401);
        assertThat(post(port, "wrong_secret", update)).isEqualTo(401);
        assertThat(post(port, "right_secre", update)).isEqualTo(401);
        assertThat(post(port, "right_secret", "x".repeat(2 << 20))).isEqualTo(413);
        assertThat(post(port, "right_secret", "{\"update_id\":")).isEqualTo(400);
        assertThat(
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram"))
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode())
            .isEqualTo(405);
        assertThat(post(port, "right_secret", update)).isEqualTo(200);
        assertThat(post(port, "right_secret", update))
            .isEqualTo(200); // redelivery: accepted, handled once
        d.drain(WAIT);
      } finally {
        webhook.stop();
      }
    }
    assertThat(handled).containsExactly("hi");
  }

  @Test
  void registersWithTheSecretAndHandlesParallelDeliveriesInOrderPerChat() throws Exception {
    Map<Long, List<Integer>> order = new ConcurrentHashMap<>();
    Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger overlap = new AtomicInteger();
    Router router =
        Router.builder()
            .text(
                Filters.any(),
                ctx -> {
                  AtomicInteger mine =
                      running.computeIfAbsent(ctx.chatId(), k -> new AtomicInteger());
                  if (mine.incrementAndGet() > 1) {
                    overlap.incrementAndGet();
                  }
                  int n = Integer.parseInt(ctx.text());
                  Thread.sleep(
                      n == 0
                          ? 300
                          : 2); // the first holds the chat while the rest arrive in parallel
                  order.computeIfAbsent(ctx.chatId(), k -> new CopyOnWriteArrayList<>()).add(n);
                  mine.decrementAndGet();
                })
            .build();
    try (Dispatcher d = Dispatcher.builder().bot(bot).router(router).build()) {
      WebhookServer webhook =
          WebhookServer.builder()
              .bot(bot)
              .dispatcher(d)
              .port(0)
              .bindAddress("127.0.0.1")
              .maxConnections(40)
              .build();
      webhook.start();
      try {
        WebhookServer registered =
            WebhookServer.builder()
                .bot(bot)
                .dispatcher(d)
                .publicUrl("http://127.0.0.1:" + webhook.boundPort() + "/telegram")
                .secretToken(webhook.secret())
                .maxConnections(40)
                .build();
        registered.start();
        assertThat(sim.webhookUrl())
            .contains("http://127.0.0.1:" + webhook.boundPort() + "/telegram");
        for (long chat = 1; chat <= 4; chat++) {
          sim.user(chat).sends("0");
        }
        Thread.sleep(50);
        for (int i = 1; i < 30; i++) {
          for (long chat = 1; chat <= 4; chat++) {
            sim.user(chat).sends(Integer.toString(i));
          }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (order.values().stream().mapToInt(List::size).sum() < 120
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      } finally {
        webhook.stop();
      }
    }
    assertThat(overlap).hasValue(0);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      expected.add(i);
    }
    for (long chat = 1; chat <= 4; chat++) {
      assertThat(order.get(chat)).as("chat %d", chat).containsExactlyElementsOf(expected);
    }
  }
}
