package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the simulator: {@code /bot<token>/<method>} (method names case-insensitive, as
 * Telegram), parameters from the query and the body, the call recorded, queued faults applied, the
 * answer in Telegram's envelope.
 */
final class BotApiHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(BotApiHandler.class);
  static final String NGINX_502 =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n";

  private final SimulatorCore core;
  private final Map<String, MethodHandler> handlers = new HashMap<>();
  private final Map<String, String> canonical = new HashMap<>();

  /** One HTTP answer. */
  record Answer(int status, String contentType, byte[] body) {}

  BotApiHandler(SimulatorCore core, Map<String, MethodHandler> methods) {
    this.core = core;
    handlers.putAll(methods);
    for (String name : methods.keySet()) {
      canonical.put(name.toLowerCase(Locale.ROOT), name);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Answer answer;
    try {
      answer = answer(exchange);
    } catch (RuntimeException e) {
      LOG.warn("simulator failed on {}", exchange.getRequestURI().getPath(), e);
      answer = error(ApiError.of(500, "Internal Server Error: " + e));
    }
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    } catch (IOException e) {
      LOG.debug("client went away before the answer to {}", exchange.getRequestURI().getPath());
    } finally {
      exchange.close();
    }
  }

  private Answer answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (!path.startsWith("/bot") || path.indexOf('/', 4) < 0) {
      return error(ApiError.of(404, "Not Found"));
    }
    int slash = path.indexOf('/', 4);
    String token = path.substring(4, slash);
    String method = path.substring(slash + 1);
    if (!token.equals(core.token)) {
      return error(ApiError.of(401, "Unauthorized"));
    }
    RequestParams params;
    try {
      params =
          RequestParams.parse(
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body);
    } catch (ApiError e) {
      record(method, RequestParams.of(RequestParams.MAPPER.createObjectNode()));
      return error(e);
    }
    return invoke(method, params);
  }

  /** Runs one method call, as from HTTP or from a webhook answer. */
  Answer invoke(String method, RequestParams params) {
    String name = canonical.getOrDefault(method.toLowerCase(Locale.ROOT), method);
    record(name, params);
    SimulatorCore.Fault fault = core.locked(() -> core.takeFault(name));
    if (fault != null) {
      if (fault.html()) {
        return new Answer(502, "text/html", NGINX_502.getBytes(StandardCharsets.UTF_8));
      }
      return error(
          fault.retryAfter() == null
              ? ApiError.of(fault.code(), fault.description())
              : ApiError.retryAfter(
                  fault.code(),
                  fault.description(),
                  Math.max(1, (fault.retryAfter().toMillis() + 999) / 1000)));
    }
    MethodHandler handler = handlers.get(name);
    if (handler == null) {
      return error(ApiError.of(404, "Not Found: method not found"));
    }
    try {
      JsonNode result = handler.handle(params);
      ObjectNode envelope = RequestParams.MAPPER.createObjectNode();
      envelope.put("ok", true);
      envelope.set("result", result);
      return json(200, envelope);
    } catch (ApiError e) {
      LOG.debug("{} answered {} {}", name, e.code, e.description);
      return error(e);
    }
  }

  private void record(String method, RequestParams params) {
    RecordedRequest r =
        new RecordedRequest(
            method, params.fields().deepCopy(), core.clock.instant(), params.chatIdIfAny());
    core.lockedRun(
        () -> {
          core.requests.add(r);
          core.touch();
        });
  }

  static Answer error(ApiError e) {
    ObjectNode o = RequestParams.MAPPER.createObjectNode();
    o.put("ok", false).put("error_code", e.code).put("description", e.description);
    if (e.retryAfter.isPresent() || e.migrateToChatId.isPresent()) {
      ObjectNode p = o.putObject("parameters");
      e.retryAfter.ifPresent(v -> p.put("retry_after", v));
      e.migrateToChatId.ifPresent(v -> p.put("migrate_to_chat_id", v));
    }
    return json(e.code, o);
  }

  private static Answer json(int status, ObjectNode o) {
    try {
      return new Answer(status, "application/json", RequestParams.MAPPER.writeValueAsBytes(o));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  Optional<MethodHandler> handler(String name) {
    return Optional.ofNullable(handlers.get(name));
  }
}
