package io.github.remnawaveshop.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
  private final BotApiSimulator sim =
      BotApiSimulator.builder().webhookRetryBackoff(Duration.ofMillis(20)).build();
  private final Wire bot = new Wire(sim);
  private HttpServer receiver;

  /** One webhook request the "bot" received. */
  record Received(String secret, JsonNode update) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    sim.close();
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  /** Starts the bot's webhook endpoint; {@code answer} picks status and body per request number. */
  private String receiver(Function<Integer, Object[]> answer) throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    receiver.setExecutor(Executors.newCachedThreadPool());
    AtomicInteger count = new AtomicInteger();
    receiver.createContext(
        "/hook",
        (HttpExchange ex) -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  ex.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"),
                  Wire.JSON.readTree(body)));
          Object[] a = answer.apply(count.incrementAndGet());
          byte[] out = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders((Integer) a[0], out.length == 0 ? -1 : out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    receiver.start();
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private void awaitReceived(int n) {
    sim.core()
        .await(
            () -> received.size() >= n ? java.util.Optional.of(true) : java.util.Optional.empty(),
            Duration.ofSeconds(10))
        .orElseThrow(() -> new AssertionError("received only " + received));
  }

  private void awaitPending(int n) {
    sim.core()
        .await(
            () ->
                sim.core().pending.size() == n
                    ? java.util.Optional.of(true)
                    : java.util.Optional.empty(),
            Duration.ofSeconds(10))
        .orElseThrow(() -> new AssertionError("pending " + sim.pendingUpdates()));
  }

  @Test
  void updatesArePostedWithTheSecretHeaderAndPollingConflicts() throws Exception {
    String url = receiver(n -> new Object[] {200, ""});
    assertThat(bot.call("setWebhook", "url", url, "secret_token", "s3cr3t_-X").result().asBoolean())
        .isTrue();
    assertThat(sim.webhookUrl()).contains(url);
    long id = sim.user(42).sends("/start");
    awaitReceived(1);
    awaitPending(0);
    assertThat(received.get(0).secret()).isEqualTo("s3cr3t_-X");
    assertThat(received.get(0).update().get("update_id").asLong()).isEqualTo(id);
    assertThat(received.get(0).update().at("/message/text").asText()).isEqualTo("/start");
    assertThat(sim.updatesDelivered()).isEqualTo(1);

    Wire.Reply conflict = bot.call("getUpdates");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.description())
        .isEqualTo(
            "Conflict: can't use getUpdates method while webhook is active;"
                + " use deleteWebhook to delete the webhook first");
    JsonNode info = bot.call("getWebhookInfo").result();
    assertThat(info.get("url").asText()).isEqualTo(url);
    assertThat(info.get("pending_update_count").asInt()).isZero();
    assertThat(info.get("max_connections").asInt()).isEqualTo(40);
  }

  @Test
  void aNon2xxAnswerIsRedeliveredAndShowsInWebhookInfo() throws Exception {
    String url = receiver(n -> n <= 2 ? new Object[] {500, "oops"} : new Object[] {200, ""});
    bot.call("setWebhook", "url", url);
    sim.user(42).sends("hello");
    awaitReceived(3);
    awaitPending(0);
    assertThat(received)
        .extracting(r -> r.update().get("update_id").asLong())
        .containsOnly(received.get(0).update().get("update_id").asLong());
    assertThat(bot.call("getWebhookInfo").result().get("last_error_message").asText())
        .isEqualTo("Wrong response from the webhook: 500 Internal Server Error");
    assertThat(sim.updatesDelivered()).isEqualTo(1);
  }

  @Test
  void updatesOfOneChatAreDeliveredInParallelUpToMaxConnections() throws Exception {
    CountDownLatch allIn = new CountDownLatch(3);
    String url =
        receiver(
            n -> {
              allIn.countDown();
              try {
                // holds each delivery open until three are in flight at once: only parallel
                // delivery passes
                return allIn.await(5, TimeUnit.SECONDS)
                    ? new Object[] {200, ""}
                    : new Object[] {500, "serial"};
              } catch (InterruptedException e) {
                return new Object[] {500, ""};
              }
            });
    bot.call("setWebhook", "url", url, "max_connections", 3);
    SimulatedUser u = sim.user(42);
    u.sends("a");
    u.sends("b");
    u.sends("c");
    assertThat(allIn.await(5, TimeUnit.SECONDS)).isTrue();
    awaitPending(0);
    assertThat(received).hasSize(3);
  }

  @Test
  void aMethodInTheWebhookAnswerIsExecuted() throws Exception {
    String url =
        receiver(
            n ->
                new Object[] {
                  200, "{\"method\":\"sendMessage\",\"chat_id\":42,\"text\":\"pong\"}"
                });
    bot.call("setWebhook", "url", url);
    sim.user(42).sends("ping");
    assertThat(sim.chat(42).awaitMessage(m -> m.text().equals("pong"), Duration.ofSeconds(5)))
        .isNotNull();
  }

  @Test
  void setWebhookValidatesAndDeleteWebhookReturnsToPolling() throws Exception {
    assertThat(
            bot.call("setWebhook", "url", "http://127.0.0.1:1/x", "secret_token", "bad token!")
                .description())
        .isEqualTo("Bad Request: secret token contains unallowed characters");
    assertThat(bot.call("setWebhook", "url", "ftp://x/y").description())
        .isEqualTo("Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    assertThat(
            bot.call("setWebhook", "url", "http://127.0.0.1:1/x", "secret_token", "a".repeat(257))
                .status())
        .isEqualTo(400);

    // nothing listens on port 1: deliveries fail and the update stays pending
    bot.call("setWebhook", "url", "http://127.0.0.1:1/x");
    sim.user(42).sends("kept");
    sim.core()
        .await(
            () ->
                sim.core().lastWebhookError != null
                    ? java.util.Optional.of(true)
                    : java.util.Optional.empty(),
            Duration.ofSeconds(10))
        .orElseThrow();
    assertThat(bot.call("getWebhookInfo").result().get("pending_update_count").asInt())
        .isEqualTo(1);
    assertThat(bot.call("deleteWebhook").result().asBoolean()).isTrue();
    assertThat(bot.call("getWebhookInfo").result().get("url").asText()).isEmpty();
    JsonNode updates = bot.call("getUpdates").result();
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).at("/message/text").asText()).isEqualTo("kept");

    bot.call("setWebhook", "url", "http://127.0.0.1:1/x", "drop_pending_updates", true);
    assertThat(sim.pendingUpdates()).isZero();
  }

  @Test
  void theWebhookHonoursAllowedUpdates() throws Exception {
    String url = receiver(n -> new Object[] {200, ""});
    bot.call("setWebhook", "url", url, "allowed_updates", List.of("callback_query"));
    SimulatedUser u = sim.user(42);
    u.sends("dropped");
    bot.call(
        "sendMessage",
        "chat_id",
        42,
        "text",
        "menu",
        "reply_markup",
        java.util.Map.of(
            "inline_keyboard",
            List.of(List.of(java.util.Map.of("text", "A", "callback_data", "a")))));
    u.presses("A");
    awaitReceived(1);
    awaitPending(0);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).update().has("callback_query")).isTrue();
    assertThat(received.get(0).secret()).isNull();
    assertThat(bot.call("getWebhookInfo").result().get("allowed_updates").get(0).asText())
        .isEqualTo("callback_query");
  }
}
