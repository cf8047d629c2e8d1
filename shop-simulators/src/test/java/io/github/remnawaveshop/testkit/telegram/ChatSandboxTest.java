package io.github.remnawaveshop.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatSandboxTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final BotApiSimulator sim = BotApiSimulator.builder().botName("VPN <Shop>").build();
  private final ChatSandbox sandbox =
      ChatSandbox.builder()
          .simulator(sim)
          .user(1001, "Alice")
          .user(1002, "Bob")
          .title("Shop <b>sandbox</b> & co")
          .build();
  private final String base = sandbox.serve(0);
  private FakeShopBot bot;

  @AfterEach
  void close() {
    if (bot != null) {
      bot.close();
    }
    sandbox.close();
    sim.close();
  }

  private static HttpResponse<byte[]> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private HttpResponse<byte[]> post(String endpoint, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + "sandbox/api/" + endpoint))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(
          b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return Wire.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode state(long user) {
    return json(get(base + "sandbox/api/state?user=" + user));
  }

  /**
   * Reads the state endpoint like the page does until a message matches, waiting for the
   * simulator's next change between reads (never holding its lock during a request).
   */
  private JsonNode awaitEntry(long user, Predicate<JsonNode> matcher) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      long seen = sim.core().locked(() -> sim.core().version);
      JsonNode state = state(user);
      for (JsonNode m : state.get("messages")) {
        if (matcher.test(m)) {
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("not found in " + state);
      }
      sim.core()
          .await(
              () -> sim.core().version != seen ? Optional.of(true) : Optional.<Boolean>empty(),
              Duration.ofNanos(left));
    }
  }

  @Test
  void thePageIsSelfContainedEscapedAndLockedDownByCsp() {
    HttpResponse<byte[]> page = get(base);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'").contains("script-src 'nonce-");
    String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(html).contains("<title>Shop &lt;b&gt;sandbox&lt;/b&gt; &amp; co</title>");
    assertThat(html).doesNotContain("<b>sandbox</b>");
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(get(base + "nothing-here").statusCode()).isEqualTo(404);
    JsonNode config = json(get(base + "sandbox/api/config"));
    assertThat(config.get("users")).hasSize(2);
    assertThat(config.at("/bot/name").asText()).isEqualTo("VPN <Shop>");
  }

  @Test
  void sendShowsTheBotsReplyPressEditsAndPayCompletes() {
    bot = new FakeShopBot(sim);
    assertThat(post("send", "{\"user\":1001,\"text\":\"/start\"}").statusCode()).isEqualTo(200);
    JsonNode menu = awaitEntry(1001, m -> m.path("side").asText().equals("bot"));
    assertThat(menu.get("html").asText()).contains("<b>Welcome to the VPN shop</b>, Alice!");
    assertThat(menu.at("/buttons/0/0/type").asText()).isEqualTo("callback");
    assertThat(menu.at("/buttons/1/0/type").asText()).isEqualTo("url");
    assertThat(state(1001).get("messages").get(0).get("side").asText()).isEqualTo("user");

    String version = state(1001).get("version").asText();
    assertThat(
            json(get(base + "sandbox/api/state?user=1001&since=" + version))
                .path("unchanged")
                .asBoolean())
        .isTrue();
    assertThat(json(get(base + "sandbox/api/messages?user=1001")).get("messages")).hasSize(2);

    assertThat(
            post(
                    "press",
                    "{\"user\":1001,\"message\":" + menu.get("id") + ",\"data\":\"buy:basic\"}")
                .statusCode())
        .isEqualTo(200);
    JsonNode edited = awaitEntry(1001, m -> m.path("edited").asBoolean());
    assertThat(edited.get("html").asText()).contains("<b>basic</b>");
    JsonNode invoice = awaitEntry(1001, m -> m.has("invoice"));
    assertThat(invoice.at("/invoice/amount").asText()).isEqualTo("100 \u2B50");
    assertThat(invoice.at("/buttons/0/0/text").asText()).isEqualTo("Pay 100 \u2B50");

    assertThat(post("pay", "{\"user\":1001,\"message\":" + invoice.get("id") + "}").statusCode())
        .isEqualTo(202);
    awaitEntry(1001, m -> m.path("text").asText().equals("You paid 100 \u2B50"));
    JsonNode photo = awaitEntry(1001, m -> m.has("photo"));
    awaitEntry(1001, m -> m.path("text").asText().startsWith("Payment of 100"));
    HttpResponse<byte[]> png = get(base + photo.get("photo").asText());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    JsonNode doc = awaitEntry(1001, m -> m.has("document"));
    HttpResponse<byte[]> file = get(base + doc.at("/document/url").asText());
    assertThat(new String(file.body())).isEqualTo("vless://example#basic");
    assertThat(file.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(v -> assertThat(v).contains("basic.conf"));
    assertThat(state(1002).get("messages")).isEmpty();
  }

  @Test
  void botTextCannotInjectMarkup() {
    sim.user(1001).sends("hi");
    Wire api = new Wire(sim);
    api.call(
        "sendMessage",
        "chat_id",
        1001,
        "text",
        "<script>alert(1)</script><img src=x onerror=alert(1)>");
    api.call(
        "sendMessage",
        "chat_id",
        1001,
        "parse_mode",
        "HTML",
        "text",
        "<a href=\"javascript:alert(1)\">x</a> <b onclick=\"alert(1)\">b</b> &lt;script&gt; <a href=\"https://ok.example/?a=&quot;x\">ok</a>");
    api.call(
        "sendMessage",
        "chat_id",
        1001,
        "text",
        "buttons",
        "reply_markup",
        java.util.Map.of(
            "inline_keyboard",
            java.util.List.of(
                java.util.List.of(
                    java.util.Map.of(
                        "text", "<img src=x onerror=alert(1)>", "callback_data", "x")))));
    JsonNode messages = state(1001).get("messages");
    String plain = messages.get(1).get("html").asText();
    assertThat(plain)
        .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    String html = messages.get(2).get("html").asText();
    assertThat(html)
        .doesNotContain("javascript:")
        .doesNotContain("onclick")
        .doesNotContain("<script");
    assertThat(html)
        .contains("<b>b</b>")
        .contains("&lt;script&gt;")
        .contains(
            "<a href=\"https://ok.example/?a=&quot;x\" target=\"_blank\" rel=\"noopener noreferrer\">ok</a>");
    // button texts travel as JSON strings and the page sets them with textContent
    assertThat(messages.get(3).at("/buttons/0/0/text").asText())
        .isEqualTo("<img src=x onerror=alert(1)>");
    String page = new String(get(base).body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page).doesNotContain("alert(1)");
    assertThat(page)
        .contains("textContent")
        .doesNotContain("innerHTML = b.")
        .doesNotContain("innerHTML = m.text");
  }

  @Test
  void theApiRejectsBadRequests() {
    assertThat(post("send", "{\"user\":9,\"text\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(post("send", "{\"user\":1001,\"text\":\"  \"}").statusCode()).isEqualTo(400);
    assertThat(post("press", "{\"user\":1001,\"message\":99,\"data\":\"x\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            send(HttpRequest.newBuilder(URI.create(base + "sandbox/api/send"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":1001,\"text\":\"x\"}")))
                .statusCode())
        .isEqualTo(415);
    assertThat(
            send(HttpRequest.newBuilder(URI.create(base + "sandbox/api/send"))
                    .header("Content-Type", "application/json")
                    .header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":1001,\"text\":\"x\"}")))
                .statusCode())
        .isEqualTo(403);
    assertThat(sim.pendingUpdates()).isZero();
    assertThatThrownBy(() -> ChatSandbox.builder().simulator(sim).build())
        .hasMessageContaining("at least one user");
    assertThatThrownBy(() -> ChatSandbox.builder().user(1, "A").user(1, "B"))
        .hasMessageContaining("already");
  }

  @Test
  void theHandlerMountsOnTheHostsServer() throws IOException {
    HttpServer host =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    host.createContext("/", sandbox.handler());
    host.start();
    try {
      String url = "http://127.0.0.1:" + host.getAddress().getPort() + "/";
      assertThat(get(url).statusCode()).isEqualTo(200);
      assertThat(json(get(url + "sandbox/api/config")).get("title").asText())
          .isEqualTo("Shop <b>sandbox</b> & co");
    } finally {
      host.stop(0);
    }
  }
}
