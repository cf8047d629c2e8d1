package io.github.remnawaveshop.core.panel.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.remnawaveshop.core.internal.OkHttpRelease;
import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.panel.PanelException.Kind;
import io.github.remnawaveshop.core.panel.PanelRetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical panel call: builds the request with auth and proxy headers, retries transient
 * failures per the policy, unwraps the {@code {"response": …}} envelope and maps errors to {@link
 * PanelException}. Thread-safe. Not API.
 */
final class PanelHttp {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.remnawaveshop.core.panel");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final PanelClientConfig config;
  private final String authorization;
  private final String cookieHeader;

  /**
   * True when the OkHttp client was created here, not handed in: only then does close release it.
   */
  private final boolean ownsClient;

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  PanelHttp(PanelClientConfig config) {
    this.config = config;
    this.ownsClient = config.okHttpClient().isEmpty();
    OkHttpClient base = config.okHttpClient().orElseGet(OkHttpClient::new);
    this.http =
        base.newBuilder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .callTimeout(config.callTimeout())
            // OkHttp would silently resend a POST on a broken pooled connection: our own retry
            // logic decides what may be sent twice
            .retryOnConnectionFailure(false)
            .build();
    this.authorization = "Bearer " + config.apiToken();
    StringJoiner cookies = new StringJoiner("; ");
    config.cookies().forEach((k, v) -> cookies.add(k + "=" + v));
    this.cookieHeader = cookies.toString();
  }

  /** One call's description. */
  record Call(
      String method,
      List<String> path,
      Map<String, String> query,
      @Nullable JsonNode body,
      RetryMode mode) {
    String describe() {
      return method + " /" + String.join("/", path);
    }
  }

  /**
   * How a call recognises that an earlier attempt of it was applied although its answer was lost:
   * given the failure of a later attempt (e.g. A029 "already disabled" after a retried disable, 404
   * after a retried delete), the result to report instead, or empty when the failure stands.
   */
  @FunctionalInterface
  interface LostAnswer {
    Optional<JsonNode> recover(PanelException retryFailure);
  }

  /**
   * Refuses further calls and, when the OkHttp client was created here, releases its connection
   * pool and dispatcher threads; a client handed in (and the pools it shares) stays its owner's.
   * Idempotent.
   */
  void close() {
    if (!closed.compareAndSet(false, true) || !ownsClient) {
      return;
    }
    OkHttpRelease.release(http);
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed.get();
  }

  /**
   * Executes the call.
   *
   * @return the unwrapped response, {@link MissingNode} when the body is empty
   */
  JsonNode execute(Call call) {
    return execute(call, null);
  }

  /**
   * Executes the call; after an attempt whose answer may have been lost (a broken connection, 502,
   * 504), a later attempt's failure is first offered to {@code lostAnswer}.
   *
   * @return the unwrapped response, {@link MissingNode} when the body is empty
   */
  JsonNode execute(Call call, @Nullable LostAnswer lostAnswer) {
    if (closed.get()) {
      throw new IllegalStateException(
          "the panel client is closed; " + call.describe() + " was not sent");
    }
    PanelRetryPolicy policy = config.retryPolicy();
    Instant start = config.clock().instant();
    Request request = request(call);
    boolean mayHaveApplied = false;
    for (int attempt = 1; ; attempt++) {
      PanelException failure;
      Duration retryAfter = null;
      boolean retryable;
      boolean answerLost;
      try (Response response = http.newCall(request).execute()) {
        String text = readBody(response);
        int code = response.code();
        LOG.debug("panel {} -> {} (attempt {})", call.describe(), code, attempt);
        if (code >= 200 && code < 300) {
          return unwrap(text, call);
        }
        failure = error(code, text, call);
        answerLost = code == 502 || code == 504;
        retryable = code == 429 || (call.mode() == RetryMode.IDEMPOTENT && isRetryableStatus(code));
        if (retryable) {
          retryAfter = retryAfter(response.header("Retry-After")).orElse(null);
        }
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new PanelException(
              Kind.UNAVAILABLE, 0, null, "panel " + call.describe() + " interrupted", e);
        }
        answerLost = !notSent(e);
        failure =
            new PanelException(
                answerLost && isTimeout(e) ? Kind.TIMEOUT : Kind.UNAVAILABLE,
                0,
                null,
                "panel "
                    + call.describe()
                    + " failed: "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (call.mode() == RetryMode.UNSAFE && !notSent(e)
                        ? " (the panel may have applied it)"
                        : ""),
                e);
        retryable = call.mode() == RetryMode.IDEMPOTENT || notSent(e);
      }
      if (mayHaveApplied && lostAnswer != null) {
        Optional<JsonNode> recovered = lostAnswer.recover(failure);
        if (recovered.isPresent()) {
          LOG.info(
              "panel {} answered {} on attempt {}: an earlier attempt was applied, its answer lost",
              call.describe(),
              failure.errorCode().orElse(failure.kind().name()),
              attempt);
          return recovered.get();
        }
      }
      mayHaveApplied |= answerLost;
      if (!retryable || attempt >= policy.maxAttempts()) {
        throw failure;
      }
      Duration delay = retryAfter != null ? retryAfter : jittered(policy.backoff(attempt));
      Duration elapsed = Duration.between(start, config.clock().instant());
      if (elapsed.plus(delay).compareTo(policy.maxElapsed()) > 0) {
        LOG.warn(
            "panel {} failed ({}); next try in {} ms would exceed the retry budget of {}",
            call.describe(),
            failure.getMessage(),
            delay.toMillis(),
            policy.maxElapsed());
        throw failure;
      }
      LOG.info(
          "panel {} failed ({}); retry {}/{} in {} ms",
          call.describe(),
          failure.getMessage(),
          attempt,
          policy.maxAttempts() - 1,
          delay.toMillis());
      sleep(delay, call);
    }
  }

  /** Sleeps through the configured sleeper; interruption ends the call. */
  void sleep(Duration delay, Call call) {
    try {
      config.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PanelException(
          Kind.UNAVAILABLE, 0, null, "panel " + call.describe() + " interrupted while waiting", e);
    }
  }

  /** A backoff with the policy's jitter applied. */
  Duration jittered(Duration backoff) {
    double jitter = config.retryPolicy().jitter();
    double factor = 1 - jitter * config.random().nextDouble();
    return Duration.ofMillis(Math.max(0, Math.round(backoff.toMillis() * factor)));
  }

  private Request request(Call call) {
    HttpUrl.Builder url = config.baseUrl().newBuilder().addPathSegment("api");
    call.path().forEach(url::addPathSegment);
    call.query().forEach(url::addQueryParameter);
    Request.Builder b =
        new Request.Builder()
            .url(url.build())
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .header("User-Agent", "remnawave-shop-sdk");
    if (config.proxyHeaders()) {
      b.header("X-Forwarded-For", config.forwardedFor())
          .header("X-Real-IP", config.forwardedFor())
          .header("X-Forwarded-Proto", "https");
    }
    config.headers().forEach(b::header);
    if (!cookieHeader.isEmpty()) {
      b.header("Cookie", cookieHeader);
    }
    RequestBody body =
        call.body() == null ? null : RequestBody.create(call.body().toString(), JSON);
    if (body == null && call.method().equals("POST")) {
      body = RequestBody.create(new byte[0], JSON);
    }
    return b.method(call.method(), body).build();
  }

  private static String readBody(Response response) throws IOException {
    ResponseBody body = response.body();
    return body == null ? "" : body.string();
  }

  private static JsonNode unwrap(String text, Call call) {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    JsonNode root;
    try {
      root = PanelJson.MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new PanelException(
          Kind.INVALID_RESPONSE,
          0,
          null,
          "panel " + call.describe() + " answered with invalid JSON: " + e.getOriginalMessage(),
          e);
    }
    if (root != null && root.isObject() && root.has("response")) {
      return root.get("response");
    }
    return root == null ? MissingNode.getInstance() : root;
  }

  private static PanelException error(int code, String text, Call call) {
    String errorCode = null;
    String message = null;
    try {
      JsonNode root = text.isBlank() ? null : PanelJson.MAPPER.readTree(text);
      if (root != null && root.isObject()) {
        errorCode = PanelJson.text(root, "errorCode").orElse(null);
        message = messageOf(root);
      }
    } catch (JacksonException e) {
      // not JSON (a proxy's HTML page): the status alone is the answer
    }
    Kind kind = kindOf(code, errorCode);
    String description =
        "panel "
            + call.describe()
            + " answered HTTP "
            + code
            + (errorCode == null ? "" : " " + errorCode)
            + (message == null ? "" : ": " + message);
    return new PanelException(kind, code, errorCode, description, null);
  }

  private static @Nullable String messageOf(JsonNode root) {
    StringJoiner parts = new StringJoiner("; ");
    JsonNode m = root.get("message");
    if (m != null && m.isArray()) {
      m.forEach(x -> parts.add(x.asText()));
    } else if (m != null && !m.isNull()) {
      parts.add(m.asText());
    }
    // validation errors: {message, statusCode, errors:[{message, path:[...]}]}
    for (JsonNode err : root.path("errors")) {
      String path = err.path("path").isArray() ? joinPath(err.path("path")) : "";
      parts.add((path.isEmpty() ? "" : path + ": ") + err.path("message").asText());
    }
    String s = parts.toString();
    return s.isEmpty() ? null : s;
  }

  private static String joinPath(JsonNode path) {
    StringJoiner j = new StringJoiner(".");
    path.forEach(p -> j.add(p.asText()));
    return j.toString();
  }

  static Kind kindOf(int code, @Nullable String errorCode) {
    if ("A029".equals(errorCode) || "A030".equals(errorCode)) {
      return Kind.ALREADY_IN_STATE;
    }
    if ("A019".equals(errorCode) || code == 409) {
      return Kind.CONFLICT;
    }
    if (code == 404 || "A062".equals(errorCode) || "A063".equals(errorCode)) {
      return Kind.NOT_FOUND;
    }
    if (code == 401 || code == 403) {
      return Kind.UNAUTHORIZED;
    }
    if (code == 429) {
      return Kind.RATE_LIMITED;
    }
    if (isRetryableStatus(code)) {
      return Kind.UNAVAILABLE;
    }
    if (code >= 500) {
      return Kind.SERVER_ERROR;
    }
    if (code >= 400) {
      return Kind.INVALID_REQUEST;
    }
    return Kind.INVALID_RESPONSE;
  }

  private static boolean isRetryableStatus(int code) {
    return code == 429 || code == 502 || code == 503 || code == 504;
  }

  /** True when the request cannot have reached the panel. */
  private static boolean notSent(IOException e) {
    return e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || (e instanceof InterruptedIOException
            && e.getMessage() != null
            && e.getMessage().toLowerCase(Locale.ROOT).contains("connect"));
  }

  /** True for a read or call timeout (the panel was reached but is slow), not a connect timeout. */
  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException
            && e.getMessage() != null
            && e.getMessage().toLowerCase(Locale.ROOT).contains("timeout"));
  }

  private Optional<Duration> retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.trim();
    try {
      long seconds = Long.parseLong(h);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(config.clock().instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}
