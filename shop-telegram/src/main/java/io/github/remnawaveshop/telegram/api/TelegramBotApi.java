package io.github.remnawaveshop.telegram.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls Telegram Bot API methods: {@code POST <base>/bot<token>/<method>} with a JSON body, answer
 * {@code {ok, result}} or {@code {ok:false, error_code, description, parameters}}.
 *
 * <p>Build one per bot and share it: it is immutable and thread-safe, and shares the OkHttp client's
 * connection pool. A 429 answer is retried after Telegram's {@code retry_after}, up to
 * {@link Builder#maxRetryAfter(Duration)} in total; every other error is thrown as
 * {@link TelegramApiException}. The token is never logged or put into exception messages.
 */
public final class TelegramBotApi {
  private static final Logger log = LoggerFactory.getLogger(TelegramBotApi.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]{20,}");
  private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private final HttpUrl baseUrl;
  private final String token;
  private final OkHttpClient http;
  private final ObjectMapper json;
  private final Duration maxRetryAfter;
  private final Sleeper sleeper;

  private TelegramBotApi(Builder b) {
    this.baseUrl = b.baseUrl;
    this.token = b.token;
    this.http = b.http;
    this.json = b.json;
    this.maxRetryAfter = b.maxRetryAfter;
    this.sleeper = b.sleeper;
  }

  /** A builder; the token is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Calls a Bot API method.
   *
   * @param method the method name, e.g. {@code sendMessage}
   * @param params the parameters, serialized as JSON (records, maps, lists, strings, numbers)
   * @return the {@code result} field
   * @throws TelegramApiException when Telegram answers {@code ok:false} or cannot be reached
   */
  public JsonNode call(String method, Map<String, ?> params) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(params, "params");
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("method must be a Bot API method name; was '" + method + "'");
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parameters of " + method + " cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    HttpUrl url = baseUrl.newBuilder().addPathSegment("bot" + token).addPathSegment(method).build();
    long waitedMillis = 0;
    while (true) {
      try {
        return once(method, url, body);
      } catch (TelegramApiException e) {
        Duration wait = e.retryAfter().orElse(null);
        if (!e.isRateLimited() || wait == null || waitedMillis + wait.toMillis() > maxRetryAfter.toMillis()) {
          throw e;
        }
        log.warn("Telegram rate-limited {}; retrying after {} s", method, wait.toSeconds());
        waitedMillis += wait.toMillis();
        sleeper.sleep(wait);
      }
    }
  }

  private JsonNode once(String method, HttpUrl url, byte[] body) {
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody rb = response.body();
      String text = rb == null ? "" : rb.string();
      JsonNode answer;
      try {
        answer = json.readTree(text);
      } catch (JsonProcessingException e) {
        throw new TelegramApiException(method, response.code(), "answer is not JSON (HTTP " + response.code() + ")", null, null, null);
      }
      if (answer != null && answer.path("ok").asBoolean(false)) {
        return answer.path("result");
      }
      int code = answer == null ? response.code() : answer.path("error_code").asInt(response.code());
      String description = answer == null ? "" : answer.path("description").asText("");
      JsonNode p = answer == null ? null : answer.path("parameters");
      Duration retryAfter = p != null && p.has("retry_after") ? Duration.ofSeconds(p.get("retry_after").asLong()) : null;
      Long migrate = p != null && p.has("migrate_to_chat_id") ? p.get("migrate_to_chat_id").asLong() : null;
      throw new TelegramApiException(method, code, redact(description), retryAfter, migrate, null);
    } catch (IOException e) {
      // OkHttp's messages may carry the URL, which holds the token: never pass them on verbatim.
      throw new TelegramApiException(method, 0, "Telegram could not be reached: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + redact(e.getMessage())), null, null, null);
    }
  }

  private String redact(String text) {
    return TOKEN.matcher(text.replace(token, "<token>")).replaceAll("<token>");
  }

  @Override
  public String toString() {
    return "TelegramBotApi[" + baseUrl + ", bot " + token.substring(0, token.indexOf(':')) + "]";
  }

  /** Waits; replaceable in tests. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits for the given time. */
    void sleep(Duration duration);
  }

  /** Builder of {@link TelegramBotApi}; not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get("https://api.telegram.org/");
    private String token;
    private OkHttpClient http;
    private ObjectMapper json;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Sleeper sleeper = d -> {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TelegramApiException("sleep", 0, "interrupted while waiting for retry_after", null, null, e);
      }
    };

    private Builder() {}

    /** The bot token from BotFather ({@code 123456:ABC…}). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** The Bot API server, default {@code https://api.telegram.org/}; set it for a local Bot API server. */
    public Builder baseUrl(String baseUrl) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (parsed == null) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL; was '" + baseUrl + "'");
      }
      this.baseUrl = parsed;
      return this;
    }

    /** A shared OkHttp client (default: a new one with a 75 s read timeout, enough for long polling). */
    public Builder httpClient(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The Jackson mapper (default: a new one). */
    public Builder objectMapper(ObjectMapper json) {
      this.json = Objects.requireNonNull(json, "json");
      return this;
    }

    /** The longest total wait for 429 retries of one call (default 60 s); zero disables retries. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must be zero or more; was " + maxRetryAfter);
      }
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /** How to wait between retries (tests pass a recording no-op). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Builds the client. */
    public TelegramBotApi build() {
      if (token == null || !token.matches("\\d+:[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("token must look like '<bot id>:<secret>' as BotFather gives it"
            + (token == null ? "; was not set" : ""));
      }
      if (http == null) {
        http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(75)).build();
      }
      if (json == null) {
        json = new ObjectMapper();
      }
      return new TelegramBotApi(this);
    }
  }
}
