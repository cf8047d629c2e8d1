package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP Bot API client for the wire tests: no SDK classes. */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;

  Wire(BotApiSimulator sim) {
    this(sim.baseUrl() + "bot" + sim.token() + "/");
  }

  Wire(String base) {
    this.base = base;
  }

  /** The status and parsed JSON (or raw text) of one call. */
  record Reply(int status, JsonNode json, String raw) {
    JsonNode result() {
      if (!json.path("ok").asBoolean()) {
        throw new AssertionError("expected ok but got " + status + " " + raw);
      }
      return json.get("result");
    }

    String description() {
      return json.path("description").asText();
    }
  }

  Reply call(String method, Object... keyValues) {
    var o = JSON.createObjectNode();
    for (int k = 0; k < keyValues.length; k += 2) {
      o.set((String) keyValues[k], JSON.valueToTree(keyValues[k + 1]));
    }
    return post(method, "application/json", o.toString().getBytes(StandardCharsets.UTF_8));
  }

  Reply json(String method, String body) {
    return post(method, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  Reply form(String method, String body) {
    return post(method, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
  }

  Reply get(String methodAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base + methodAndQuery)).GET());
  }

  Reply post(String method, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + method))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Reply multipart(
      String method, String fileField, String fileName, byte[] bytes, String... fields) {
    String boundary = "----simtest" + System.nanoTime();
    var out = new java.io.ByteArrayOutputStream();
    try {
      for (int k = 0; k < fields.length; k += 2) {
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + fields[k]
                    + "\"\r\n\r\n"
                    + fields[k + 1]
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      out.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + fileField
                  + "\"; filename=\""
                  + fileName
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return post(method, "multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(r.body());
      } catch (IOException e) {
        json = JSON.createObjectNode();
      }
      return new Reply(r.statusCode(), json == null ? JSON.createObjectNode() : json, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
