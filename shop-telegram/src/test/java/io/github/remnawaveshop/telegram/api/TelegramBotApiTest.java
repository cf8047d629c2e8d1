package io.github.remnawaveshop.telegram.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramBotApiTest {
  private static final String TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();
  private TelegramBotApi api;

  @BeforeEach
  void start() throws Exception {
    server.start();
    api = TelegramBotApi.builder().token(TOKEN).baseUrl(server.url("/").toString()).sleeper(sleeps::add).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
  }

  @Test
  void postsJsonToBotTokenMethodAndReturnsResult() throws Exception {
    answer(200, "{\"ok\":true,\"result\":{\"message_id\":7}}");
    var result = api.call("sendMessage", Map.of("chat_id", 42, "text", "hi"));
    assertThat(result.path("message_id").asInt()).isEqualTo(7);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().utf8()).contains("\"chat_id\":42").contains("\"text\":\"hi\"");
  }

  @Test
  void honoursRetryAfterOn429() {
    answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 3\",\"parameters\":{\"retry_after\":3}}");
    answer(200, "{\"ok\":true,\"result\":true}");
    assertThat(api.call("answerCallbackQuery", Map.of("callback_query_id", "1")).asBoolean()).isTrue();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void givesUpWhenRetryAfterExceedsTheBudget() {
    answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\",\"parameters\":{\"retry_after\":61}}");
    assertThatThrownBy(() -> api.call("sendMessage", Map.of()))
        .isInstanceOfSatisfying(TelegramApiException.class, e -> {
          assertThat(e.isRateLimited()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(61));
        });
    assertThat(sleeps).isEmpty();
  }

  @Test
  void mapsErrorsWithoutLeakingTheToken() {
    answer(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
    assertThatThrownBy(() -> api.call("sendMessage", Map.of("chat_id", 1)))
        .isInstanceOfSatisfying(TelegramApiException.class, e -> {
          assertThat(e.isForbidden()).isTrue();
          assertThat(e.getMessage()).contains("blocked").doesNotContain(TOKEN);
        });
    answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was upgraded\",\"parameters\":{\"migrate_to_chat_id\":-1001}}");
    assertThatThrownBy(() -> api.call("sendMessage", Map.of()))
        .isInstanceOfSatisfying(TelegramApiException.class, e -> assertThat(e.migrateToChatId()).contains(-1001L));
    answer(502, "<html>bad gateway</html>");
    assertThatThrownBy(() -> api.call("getMe", Map.of())).hasMessageContaining("not JSON").hasMessageNotContaining(TOKEN);
    assertThat(api.toString()).doesNotContain(TOKEN.substring(7));
  }

  @Test
  void unreachableServerIsATelegramApiExceptionWithoutToken() {
    server.close();
    assertThatThrownBy(() -> api.call("getMe", Map.of()))
        .isInstanceOfSatisfying(TelegramApiException.class, e -> assertThat(e.errorCode()).isZero())
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> TelegramBotApi.builder().build()).hasMessageContaining("token");
    assertThatThrownBy(() -> TelegramBotApi.builder().token("nope").build()).hasMessageContaining("token");
    assertThatThrownBy(() -> TelegramBotApi.builder().baseUrl("ftp:/x")).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> api.call("send/Message", Map.of())).hasMessageContaining("method");
  }
}
