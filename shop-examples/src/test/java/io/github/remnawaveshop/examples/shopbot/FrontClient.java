package io.github.remnawaveshop.examples.shopbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Talks to the example bot's HTTP front the way the sandbox page and a browser do. */
final class FrontClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  FrontClient(String base) {
    this.base = base;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Types a message as a sandbox user. */
  void send(long user, String text) throws IOException, InterruptedException {
    ok(
        post(
            "/sandbox/api/send",
            "application/json",
            JSON.createObjectNode().put("user", Long.toString(user)).put("text", text).toString()));
  }

  /** Presses an inline button (by its callback data) on a message. */
  void press(long user, long message, String data) throws IOException, InterruptedException {
    ok(
        post(
            "/sandbox/api/press",
            "application/json",
            JSON.createObjectNode()
                .put("user", Long.toString(user))
                .put("message", Long.toString(message))
                .put("data", data)
                .toString()));
  }

  /** Waits until the newest bot message in the user's chat matches. */
  JsonNode awaitBotMessage(long user, Predicate<JsonNode> match)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      JsonNode state = JSON.readTree(get("/sandbox/api/state?user=" + user).body());
      for (JsonNode m : state.path("messages")) {
        if (m.path("side").asText().equals("bot")) {
          last = m;
        }
      }
      if (last != null && match.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no matching bot message; the last one was " + last);
  }

  /** The bot's messages in the user's chat, oldest first. */
  java.util.List<JsonNode> botMessages(long user) throws IOException, InterruptedException {
    java.util.List<JsonNode> list = new java.util.ArrayList<>();
    for (JsonNode m :
        JSON.readTree(get("/sandbox/api/state?user=" + user).body()).path("messages")) {
      if (m.path("side").asText().equals("bot")) {
        list.add(m);
      }
    }
    return list;
  }

  /** Pays a Stars invoice link as the sandbox's Pay button does. */
  void payLink(long user, String link) throws IOException, InterruptedException {
    ok(
        post(
            "/sandbox/api/pay",
            "application/json",
            JSON.createObjectNode().put("user", Long.toString(user)).put("link", link).toString()));
  }

  /** The invoice link of a message's Pay button, or null. */
  static String payLink(JsonNode message) {
    for (JsonNode row : message.path("buttons")) {
      for (JsonNode b : row) {
        if (b.path("type").asText().equals("pay") && b.hasNonNull("link")) {
          return b.path("link").asText();
        }
      }
    }
    return null;
  }

  /** Whether a sandbox message has a button with this callback data. */
  static boolean hasData(JsonNode message, String data) {
    for (JsonNode row : message.path("buttons")) {
      for (JsonNode b : row) {
        if (data.equals(b.path("data").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first url button's address. */
  static String url(JsonNode message) {
    for (JsonNode row : message.path("buttons")) {
      for (JsonNode b : row) {
        if (b.path("type").asText().equals("url")) {
          return b.path("url").asText();
        }
      }
    }
    throw new AssertionError("no url button in " + message);
  }

  private static void ok(HttpResponse<String> r) {
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
    }
  }
}
