package io.github.remnawaveshop.telegram.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.internal.OkHttpRelease;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.internal.BotHttp;
import io.github.remnawaveshop.telegram.api.internal.BotJson;
import io.github.remnawaveshop.telegram.api.internal.BroadcastRun;
import io.github.remnawaveshop.telegram.api.internal.ThrottleQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A Telegram Bot API client for one bot: typed calls ({@code bot.execute(SendMessage.to(chat,
 * "hi"))}), async by default ({@link #executeAsync}) with {@link #execute} as a thin wrapper, and
 * every message-sending call kept within Telegram's limits by the {@link Throttle}: waiting happens
 * in the throttle's queue, never on the caller's thread. Chat migrations are followed once; 403 is
 * {@link BotBlockedException}; "message is not modified" on edits is a result, not an error.
 *
 * <p>Build one per token and share it: it is thread-safe and holds one connection pool and one
 * scheduler thread. {@link #close()} (registered with {@code ShopLifecycle}) fails calls still
 * queued and releases the HTTP client if the bot created it. The token is never logged and never
 * appears in an exception message.
 */
public final class TelegramBot implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile("(\\d+):[A-Za-z0-9_-]{20,}");

  private final HttpUrl baseUrl;
  private final long botId;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final BotHttp calls;
  private final ObjectMapper json;
  private final Throttle throttleSettings;
  private final ThrottleQueue throttle;
  private final Builder origin;

  private TelegramBot(Builder b, OkHttpClient http, boolean ownsHttp) {
    this.origin = b.copy();
    this.baseUrl = b.baseUrl;
    this.botId = Long.parseLong(b.token.reveal().substring(0, b.token.reveal().indexOf(':')));
    this.http = http;
    this.ownsHttp = ownsHttp;
    this.json = BotJson.mapper();
    this.calls = new BotHttp(http, json, b.baseUrl, b.token.reveal());
    this.throttleSettings = b.throttle;
    this.throttle = new ThrottleQueue(b.throttle, System::nanoTime, "telegram-throttle-" + botId);
  }

  /** A builder; {@link Builder#token(Secret)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this bot's settings (a new bot built from it has its own queue). */
  public Builder toBuilder() {
    return origin.copy();
  }

  /** The bot's numeric id (the part of the token before ':'). */
  public long botId() {
    return botId;
  }

  /** The throttle's limits. */
  public Throttle throttle() {
    return throttleSettings;
  }

  /** Calls in the throttle's queue, waiting or in flight. */
  public int queuedMessages() {
    return throttle.queued();
  }

  /** 429 answers this bot has received. */
  public long rateLimitedCount() {
    return throttle.rateLimited();
  }

  /** Calls a method in the {@link Lane#INTERACTIVE} lane. */
  public <R> CompletableFuture<R> executeAsync(BotMethod<R> method) {
    return executeAsync(method, Lane.INTERACTIVE);
  }

  /**
   * Calls a method. A message-sending call waits in the throttle's {@code lane}; other calls go
   * straight out (and are retried after a 429's {@code retry_after}, without blocking a thread).
   *
   * @return the result; fails with a {@link TelegramApiException}
   */
  public <R> CompletableFuture<R> executeAsync(BotMethod<R> method, Lane lane) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(lane, "lane");
    return send(
        method.name(),
        method.parameters(),
        method.files(),
        method.resultType(),
        method.isOutgoingMessage(),
        lane,
        true);
  }

  /**
   * Calls a method and waits for its result.
   *
   * @throws TelegramApiException on an error answer or transport failure
   */
  public <R> R execute(BotMethod<R> method) {
    return join(executeAsync(method));
  }

  /** {@link #execute(BotMethod)} in the given lane. */
  public <R> R execute(BotMethod<R> method, Lane lane) {
    return join(executeAsync(method, lane));
  }

  /**
   * The escape hatch for a method this SDK does not model: parameters as JSON-shaped values, the
   * result read as {@code resultType} ({@code Map.class} for any object). Sends through the
   * throttle when the parameters name a {@code chat_id} and the method's name starts with {@code
   * send}, {@code copy}, {@code forward} or {@code edit}.
   */
  public <R> R call(String method, Map<String, ?> params, Class<R> resultType) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(resultType, "resultType");
    boolean message = params.containsKey("chat_id") && method.matches("(send|copy|forward|edit).*");
    return join(
        send(
            method,
            Map.copyOf(params),
            Map.of(),
            ResultType.of(resultType),
            message,
            Lane.INTERACTIVE,
            true));
  }

  /**
   * Sends one message to each recipient through the {@link Lane#BULK} lane and reports who got it,
   * who blocked the bot and what failed.
   */
  public CompletableFuture<BroadcastReport> broadcast(Broadcast broadcast) {
    Objects.requireNonNull(broadcast, "broadcast");
    return new BroadcastRun(this, broadcast).start();
  }

  private <R> CompletableFuture<R> send(
      String name,
      Map<String, Object> params,
      Map<String, InputFile> files,
      ResultType<R> type,
      boolean message,
      Lane lane,
      boolean mayMigrate) {
    CompletableFuture<R> first;
    if (message) {
      Object chat = params.get("chat_id");
      long scope = chat instanceof Number n ? n.longValue() : ThrottleQueue.noChat();
      first = throttle.submit(lane, scope, name, () -> calls.call(name, params, files, type));
    } else {
      first = direct(name, params, files, type, Duration.ZERO);
    }
    if (!mayMigrate || !(params.get("chat_id") instanceof Number)) {
      return first;
    }
    return first
        .handle(
            (value, error) -> {
              Throwable cause = unwrap(error);
              if (cause instanceof ChatMigratedException migrated) {
                Map<String, Object> moved = new HashMap<>(params);
                moved.put("chat_id", migrated.newChatId());
                return send(name, Map.copyOf(moved), files, type, message, lane, false);
              }
              return error == null
                  ? CompletableFuture.completedFuture(value)
                  : CompletableFuture.<R>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  private <R> CompletableFuture<R> direct(
      String name,
      Map<String, Object> params,
      Map<String, InputFile> files,
      ResultType<R> type,
      Duration waited) {
    return calls
        .call(name, params, files, type)
        .handle(
            (value, error) -> {
              Throwable cause = unwrap(error);
              if (cause instanceof RateLimitedException limited) {
                Duration wait = limited.retryAfter().orElse(Duration.ofSeconds(1));
                if (waited.plus(wait).compareTo(throttleSettings.maxRetryWait()) <= 0) {
                  return CompletableFuture.supplyAsync(
                          () -> null,
                          CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                      .thenCompose(x -> direct(name, params, files, type, waited.plus(wait)));
                }
              }
              return error == null
                  ? CompletableFuture.completedFuture(value)
                  : CompletableFuture.<R>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static <R> R join(CompletableFuture<R> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new TelegramApiException(
          "call", 0, cause.getClass().getSimpleName(), null, null, cause);
    }
  }

  /** Fails calls still queued and releases the HTTP client if this bot created it; idempotent. */
  @Override
  public void close() {
    throttle.close();
    if (ownsHttp) {
      OkHttpRelease.release(http);
    }
  }

  @Override
  public String toString() {
    return "TelegramBot[" + baseUrl + ", bot " + botId + "]";
  }

  /** Builder of {@link TelegramBot}; not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get("https://api.telegram.org/");
    private Secret token;
    private OkHttpClient http;
    private Throttle throttle = Throttle.telegramDefaults();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.baseUrl = baseUrl;
      b.token = token;
      b.http = http;
      b.throttle = throttle;
      return b;
    }

    /** The bot token from BotFather ({@code 123456:ABC…}). */
    public Builder token(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * The Bot API server, default {@code https://api.telegram.org/}; set it for a local Bot API
     * server.
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (parsed == null) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL; was '" + baseUrl + "'");
      }
      this.baseUrl = parsed;
      return this;
    }

    /**
     * A shared OkHttp client (default: a new one with a 75 s read timeout, enough for long polling,
     * and up to 64 parallel requests). Its dispatcher's {@code maxRequestsPerHost} caps how many
     * calls are in flight.
     */
    public Builder httpClient(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The outgoing limits (default {@link Throttle#telegramDefaults()}). */
    public Builder throttle(Throttle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /** Builds the client. */
    public TelegramBot build() {
      if (token == null) {
        throw new IllegalArgumentException("token must be set (the bot token from BotFather)");
      }
      if (!TOKEN.matcher(token.reveal()).matches()) {
        throw new IllegalArgumentException(
            "token must look like '<bot id>:<secret>' as BotFather gives it");
      }
      boolean owns = http == null;
      OkHttpClient client = http;
      if (owns) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(128);
        dispatcher.setMaxRequestsPerHost(64);
        client =
            new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(75))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
      }
      return new TelegramBot(this, client, owns);
    }
  }
}
