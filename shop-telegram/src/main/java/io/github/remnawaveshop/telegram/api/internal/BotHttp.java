package io.github.remnawaveshop.telegram.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.telegram.api.BotBlockedException;
import io.github.remnawaveshop.telegram.api.ChatMigratedException;
import io.github.remnawaveshop.telegram.api.EditResult;
import io.github.remnawaveshop.telegram.api.InputFile;
import io.github.remnawaveshop.telegram.api.RateLimitedException;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.TelegramApiException;
import io.github.remnawaveshop.telegram.api.TelegramUnavailableException;
import io.github.remnawaveshop.telegram.api.types.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One Bot API call over HTTP: writes the parameters (JSON, or multipart with files), reads {@code
 * {ok,result}} into the method's result type, and turns {@code ok:false} into the specific
 * exception. The token is in the URL only and is scrubbed from every message.
 */
public final class BotHttp {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Pattern TOKEN = Pattern.compile("\\d{3,}:[A-Za-z0-9_-]{20,}");
  private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final long MAX_ANSWER_BYTES = 16L * 1024 * 1024;

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl botUrl;
  private final String token;

  /**
   * A caller for one bot.
   *
   * @param http the HTTP client
   * @param json the Bot API mapper
   * @param baseUrl the Bot API server
   * @param token the bot token
   */
  public BotHttp(OkHttpClient http, ObjectMapper json, HttpUrl baseUrl, String token) {
    this.http = http;
    this.json = json;
    this.token = token;
    this.botUrl = baseUrl.newBuilder().addPathSegment("bot" + token).build();
  }

  /** Starts a call; the future fails with a {@link TelegramApiException}. */
  public <R> CompletableFuture<R> call(
      String method, Map<String, Object> params, Map<String, InputFile> files, ResultType<R> type) {
    if (!METHOD.matcher(method).matches()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "method must be a Bot API method name; was '" + method + "'"));
    }
    RequestBody body;
    try {
      body =
          files.isEmpty()
              ? RequestBody.create(json.writeValueAsBytes(params), JSON)
              : multipart(params, files);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "parameters of " + method + " cannot be written as JSON: " + e.getOriginalMessage(),
              e));
    }
    Request request =
        new Request.Builder()
            .url(botUrl.newBuilder().addPathSegment(method).build())
            .post(body)
            .build();
    CompletableFuture<R> result = new CompletableFuture<>();
    Call call = http.newCall(request);
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            result.completeExceptionally(
                new TelegramUnavailableException(
                    method,
                    0,
                    "Telegram could not be reached: "
                        + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + redact(e.getMessage())),
                    null));
          }

          @Override
          public void onResponse(Call c, Response response) {
            try (response) {
              result.complete(read(method, params, type, response));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            } catch (IOException e) {
              onFailure(c, e);
            }
          }
        });
    result.whenComplete(
        (r, e) -> {
          if (result.isCancelled()) {
            call.cancel();
          }
        });
    return result;
  }

  private RequestBody multipart(Map<String, Object> params, Map<String, InputFile> files)
      throws JsonProcessingException {
    MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
    for (Map.Entry<String, Object> e : params.entrySet()) {
      Object v = e.getValue();
      b.addFormDataPart(
          e.getKey(),
          v instanceof String || v instanceof Number || v instanceof Boolean
              ? v.toString()
              : json.writeValueAsString(v));
    }
    for (Map.Entry<String, InputFile> e : files.entrySet()) {
      InputFile f = e.getValue();
      b.addFormDataPart(
          e.getKey(),
          f.fileName(),
          RequestBody.create(f.bytes(), MediaType.parse(f.contentType())));
    }
    return b.build();
  }

  private <R> R read(
      String method, Map<String, Object> params, ResultType<R> type, Response response)
      throws IOException {
    ResponseBody rb = response.body();
    if (rb.contentLength() > MAX_ANSWER_BYTES) {
      throw new TelegramUnavailableException(
          method, response.code(), "answer too large: " + rb.contentLength(), null);
    }
    String text = rb.string();
    JsonNode answer;
    try {
      answer = json.readTree(text);
    } catch (JsonProcessingException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject() || !answer.has("ok")) {
      throw new TelegramUnavailableException(
          method,
          response.code(),
          "the answer is not Bot API JSON (HTTP " + response.code() + ")",
          null);
    }
    if (answer.path("ok").asBoolean(false)) {
      JsonNode result = answer.path("result");
      return decode(method, type, result);
    }
    int code = answer.path("error_code").asInt(response.code());
    String description = redact(answer.path("description").asText(""));
    JsonNode p = answer.path("parameters");
    if (code == 429) {
      long seconds = p.path("retry_after").asLong(1);
      throw new RateLimitedException(method, description, Duration.ofSeconds(Math.max(1, seconds)));
    }
    if (p.has("migrate_to_chat_id")) {
      throw new ChatMigratedException(method, description, p.get("migrate_to_chat_id").asLong());
    }
    if (code == 403) {
      Object chat = params.get("chat_id");
      throw new BotBlockedException(
          method, chat instanceof Number n ? n.longValue() : 0, description);
    }
    if (code == 400 && type.isEdit() && description.contains("message is not modified")) {
      @SuppressWarnings("unchecked")
      R same = (R) new EditResult(Optional.empty(), false);
      return same;
    }
    throw new TelegramApiException(method, code, description, null, null, null);
  }

  @SuppressWarnings("unchecked")
  private <R> R decode(String method, ResultType<R> type, JsonNode result) {
    try {
      if (type.isEdit()) {
        return (R)
            (result.isObject()
                ? new EditResult(Optional.of(json.treeToValue(result, Message.class)), true)
                : new EditResult(Optional.empty(), true));
      }
      JavaType javaType = json.getTypeFactory().constructType(type.type());
      return json.readerFor(javaType).readValue(result);
    } catch (IOException | IllegalArgumentException e) {
      throw new TelegramUnavailableException(
          method,
          200,
          "the result cannot be read as "
              + type.type().getTypeName()
              + ": "
              + e.getClass().getSimpleName(),
          null);
    }
  }

  /** Replaces the token (and anything shaped like one) in a text. */
  public String redact(String text) {
    return TOKEN.matcher(text.replace(token, "<token>")).replaceAll("<token>");
  }
}
