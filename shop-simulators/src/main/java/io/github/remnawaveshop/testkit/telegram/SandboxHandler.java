package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the sandbox page and its JSON API: {@code GET sandbox/api/config}, {@code GET
 * sandbox/api/state?user=&since=} (also as {@code messages}), {@code POST
 * sandbox/api/send|press|pay}, {@code GET sandbox/api/file?user=&message=}. Paths are taken
 * relative to the context it is mounted at.
 */
final class SandboxHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxHandler.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BotApiSimulator sim;
  private final SimulatorCore core;
  private final String title;
  private final List<Long> userIds;
  private final String page;

  /** Lines the sandbox itself adds to a chat (payment results), by user. */
  private final Map<Long, List<Note>> notes = new HashMap<>();

  /** A sandbox line shown after a given message. */
  private record Note(long afterMessageId, String text) {}

  SandboxHandler(BotApiSimulator sim, String title, List<Long> userIds) {
    this.sim = sim;
    this.core = sim.core();
    this.title = title;
    this.userIds = List.copyOf(userIds);
    try (InputStream in = SandboxHandler.class.getResourceAsStream("sandbox.html")) {
      if (in == null) {
        throw new IllegalStateException("sandbox.html is missing from the class path");
      }
      this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String context = ex.getHttpContext().getPath();
      String path = ex.getRequestURI().getPath();
      String rel = path.startsWith(context) ? path.substring(context.length()) : path;
      rel = rel.startsWith("/") ? rel.substring(1) : rel;
      String method = ex.getRequestMethod();
      if (rel.isEmpty() || rel.equals("index.html")) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          send(ex, 405, "text/plain", "method not allowed".getBytes(StandardCharsets.UTF_8));
          return;
        }
        page(ex);
        return;
      }
      if (!rel.startsWith("sandbox/api/")) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String endpoint = rel.substring("sandbox/api/".length());
      Map<String, String> query = query(ex.getRequestURI());
      if (method.equals("GET")) {
        switch (endpoint) {
          case "config":
            json(ex, 200, config());
            return;
          case "state":
          case "messages":
            json(ex, 200, state(user(query.get("user")), query.getOrDefault("since", "")));
            return;
          case "file":
            file(ex, user(query.get("user")), number(query.get("message"), "message"));
            return;
          default:
            break;
        }
      } else if (method.equals("POST")) {
        if (!sameOrigin(ex)) {
          json(ex, 403, error("cross-origin requests are not accepted"));
          return;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
          json(ex, 415, error("send JSON (Content-Type: application/json)"));
          return;
        }
        JsonNode body = RequestParams.MAPPER.readTree(ex.getRequestBody().readAllBytes());
        if (body == null || !body.isObject()) {
          json(ex, 400, error("the body must be a JSON object"));
          return;
        }
        switch (endpoint) {
          case "send":
            json(ex, 200, sendText(body));
            return;
          case "press":
            json(ex, 200, press(body));
            return;
          case "pay":
            json(ex, 202, pay(body));
            return;
          default:
            break;
        }
      }
      json(ex, 404, error("no such endpoint: " + method + " " + endpoint));
    } catch (IllegalArgumentException | IllegalStateException e) {
      json(ex, 400, error(e.getMessage()));
    } catch (IOException e) {
      LOG.debug("sandbox request failed: {}", e.toString());
      ex.close();
    } catch (RuntimeException e) {
      LOG.warn("sandbox request failed", e);
      json(ex, 500, error("internal error: " + e));
    }
  }

  // ---- the page

  private void page(HttpExchange ex) throws IOException {
    byte[] nonceBytes = new byte[18];
    RANDOM.nextBytes(nonceBytes);
    String nonce = Base64.getEncoder().encodeToString(nonceBytes);
    String html = page.replace("{{TITLE}}", EntityHtml.escape(title)).replace("{{NONCE}}", nonce);
    ex.getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'nonce-"
                + nonce
                + "'; style-src 'nonce-"
                + nonce
                + "'; img-src 'self' data:; connect-src 'self'; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'");
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  // ---- GET endpoints

  private ObjectNode config() {
    return core.locked(
        () -> {
          ObjectNode o = RequestParams.MAPPER.createObjectNode();
          o.put("title", title);
          o.set(
              "bot",
              RequestParams.MAPPER
                  .createObjectNode()
                  .put("name", core.botName)
                  .put("username", core.botUsername));
          ArrayNode users = o.putArray("users");
          for (long id : userIds) {
            SimulatedUser u = core.users.get(id);
            users.addObject().put("id", id).put("name", u.firstName());
          }
          return o;
        });
  }

  private ObjectNode state(long userId, String since) {
    return core.locked(
        () -> {
          ChatState chat = core.privateChat(core.users.get(userId));
          List<Note> mine = notes.getOrDefault(userId, List.of());
          String version = chat.version + "." + mine.size();
          ObjectNode o = RequestParams.MAPPER.createObjectNode();
          o.put("version", version);
          if (version.equals(since)) {
            o.put("unchanged", true);
            return o;
          }
          ArrayNode messages = o.putArray("messages");
          int noteIndex = 0;
          for (MessageState m : chat.messages) {
            while (noteIndex < mine.size() && mine.get(noteIndex).afterMessageId() < m.messageId) {
              messages.addObject().put("side", "service").put("text", mine.get(noteIndex++).text());
            }
            if (!m.deleted) {
              messages.add(message(userId, m));
            }
          }
          while (noteIndex < mine.size()) {
            messages.addObject().put("side", "service").put("text", mine.get(noteIndex++).text());
          }
          return o;
        });
  }

  /** One message for the page; the caller holds the lock. */
  private ObjectNode message(long userId, MessageState m) {
    ObjectNode o = RequestParams.MAPPER.createObjectNode();
    o.put("id", m.messageId)
        .put("side", m.fromBot ? "bot" : "user")
        .put("kind", m.kind)
        .put("time", TIME.format(m.date))
        .put("edited", m.edited);
    if (m.extra != null) {
      o.put("side", "service");
      JsonNode p = m.extra.elements().next();
      String amount = amount(p.path("total_amount").asLong(), p.path("currency").asText());
      o.put(
          "text", m.extra.has("successful_payment") ? "You paid " + amount : "Refunded " + amount);
      return o;
    }
    if (!m.formatted.plain().isEmpty()) {
      o.put("html", EntityHtml.render(m.formatted));
    }
    String file = "sandbox/api/file?user=" + userId + "&message=" + m.messageId;
    if (m.photo != null) {
      if (m.photo.hasBytes()) {
        o.put("photo", file);
      } else {
        m.photo.url().ifPresent(u -> o.put("photoLink", u));
      }
    }
    if (m.document != null) {
      ObjectNode d = o.putObject("document");
      d.put("name", m.document.fileName().orElse("file"));
      d.put("size", m.document.size());
      if (m.document.hasBytes()) {
        d.put("url", file);
      } else {
        m.document.url().ifPresent(u -> d.put("link", u));
      }
    }
    if (m.invoice != null) {
      o.putObject("invoice")
          .put("title", m.invoice.title())
          .put("description", m.invoice.description())
          .put("amount", amount(m.invoice.totalAmount(), m.invoice.currency()));
    }
    ArrayNode rows = o.putArray("buttons");
    JsonNode keyboard = m.replyMarkup == null ? null : m.replyMarkup.get("inline_keyboard");
    if (keyboard != null) {
      for (JsonNode row : keyboard) {
        ArrayNode r = rows.addArray();
        for (JsonNode b : row) {
          ObjectNode button = r.addObject().put("text", b.path("text").asText());
          if (b.hasNonNull("callback_data")) {
            button.put("type", "callback").put("data", b.get("callback_data").asText());
          } else if (b.hasNonNull("url")) {
            String url = b.get("url").asText();
            SimulatedInvoice linked = core.invoiceLinks.get(url);
            if (linked != null) {
              button.put("type", "pay").put("link", url);
            } else {
              button.put("type", "url").put("url", url);
            }
          } else if (b.path("pay").asBoolean(false) && m.invoice != null) {
            button.put("type", "pay");
          } else {
            button.put("type", "other");
          }
        }
      }
    }
    if (m.invoice != null && rows.isEmpty()) {
      rows.addArray()
          .addObject()
          .put("text", "Pay " + amount(m.invoice.totalAmount(), m.invoice.currency()))
          .put("type", "pay");
    }
    return o;
  }

  private void file(HttpExchange ex, long userId, long messageId) throws IOException {
    Optional<SentFile> file =
        core.locked(
            () -> {
              ChatState chat = core.chats.get(userId);
              MessageState m = chat == null ? null : chat.message(messageId);
              if (m == null || m.deleted) {
                return Optional.empty();
              }
              return Optional.ofNullable(m.photo != null ? m.photo : m.document);
            });
    if (file.isEmpty() || !file.get().hasBytes()) {
      json(ex, 404, error("no file in message " + messageId));
      return;
    }
    SentFile f = file.get();
    byte[] bytes = f.bytes();
    boolean image = isImage(bytes);
    String type = image ? imageType(bytes) : "application/octet-stream";
    if (!image) {
      String name = f.fileName().orElse("file").replaceAll("[^A-Za-z0-9._-]", "_");
      ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
    send(ex, 200, type, bytes);
  }

  // ---- POST endpoints

  private ObjectNode sendText(JsonNode body) {
    long userId = user(body.path("user").asText());
    String text = body.path("text").asText("");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text is empty");
    }
    if (text.length() > MessageMethods.MAX_TEXT) {
      throw new IllegalArgumentException("text is longer than 4096 characters");
    }
    long updateId = sim.user(userId).sends(text);
    return RequestParams.MAPPER.createObjectNode().put("update_id", updateId);
  }

  private ObjectNode press(JsonNode body) {
    long userId = user(body.path("user").asText());
    long messageId = number(body.path("message").asText(), "message");
    String data = body.path("data").asText("");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("data is empty");
    }
    long updateId = sim.user(userId).pressOn(messageId, data);
    return RequestParams.MAPPER.createObjectNode().put("update_id", updateId);
  }

  private ObjectNode pay(JsonNode body) {
    long userId = user(body.path("user").asText());
    SimulatedInvoice invoice;
    if (body.hasNonNull("link")) {
      invoice = sim.invoiceLink(body.get("link").asText());
    } else {
      long messageId = number(body.path("message").asText(), "message");
      invoice =
          core.locked(
              () -> {
                ChatState chat = core.chats.get(userId);
                MessageState m = chat == null ? null : chat.message(messageId);
                if (m == null || m.deleted || m.invoice == null) {
                  throw new IllegalArgumentException("message " + messageId + " is not an invoice");
                }
                return m.invoice;
              });
    }
    SimulatedUser user = sim.user(userId);
    Thread payer =
        new Thread(
            () -> {
              PaymentOutcome outcome = user.pays(invoice);
              String amount = amount(invoice.totalAmount(), invoice.currency());
              note(
                  userId,
                  outcome.approved()
                      ? "Payment of " + amount + " approved by the bot"
                      : "Payment of "
                          + amount
                          + " declined: "
                          + outcome.errorMessage().orElse("no reason given"));
            },
            "chat-sandbox-pay-" + userId);
    payer.setDaemon(true);
    payer.start();
    return RequestParams.MAPPER.createObjectNode().put("status", "paying");
  }

  private void note(long userId, String text) {
    core.lockedRun(
        () -> {
          ChatState chat = core.privateChat(core.users.get(userId));
          long after = chat.nextMessageId - 1;
          notes.computeIfAbsent(userId, k -> new ArrayList<>()).add(new Note(after, text));
          chat.version = ++core.version;
          core.touch();
        });
  }

  // ---- helpers

  private long user(String raw) {
    long id = number(raw, "user");
    if (!userIds.contains(id)) {
      throw new IllegalArgumentException(
          "user " + id + " is not one of the sandbox's users " + userIds);
    }
    return id;
  }

  private static long number(String raw, String name) {
    try {
      return Long.parseLong(raw == null ? "" : raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number but was '" + raw + "'");
    }
  }

  static String amount(long total, String currency) {
    if (currency.equals("XTR")) {
      return total + " \u2B50";
    }
    return String.format(java.util.Locale.ROOT, "%d.%02d %s", total / 100, total % 100, currency);
  }

  private static boolean sameOrigin(HttpExchange ex) {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    String host = ex.getRequestHeaders().getFirst("Host");
    if (origin == null) {
      return true;
    }
    try {
      URI o = URI.create(origin);
      String originHost = o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort());
      return host != null && host.equalsIgnoreCase(originHost);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isImage(byte[] b) {
    return imageType(b) != null;
  }

  private static String imageType(byte[] b) {
    if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "image/png";
    }
    if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
      return "image/jpeg";
    }
    if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
      return "image/gif";
    }
    if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W') {
      return "image/webp";
    }
    return null;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static ObjectNode error(String message) {
    return RequestParams.MAPPER.createObjectNode().put("error", message);
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(
        ex,
        status,
        "application/json; charset=utf-8",
        RequestParams.MAPPER.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    } finally {
      ex.close();
    }
  }
}
