package io.github.remnawaveshop.examples.shopbot;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for the JDK HTTP server's exchanges: bounded bodies, answers, HTML escaping. */
final class Http {
  /** The largest request body the front reads (payment notifications are a few KB). */
  static final int MAX_BODY = 1 << 20;

  private Http() {}

  /**
   * The request body, or {@code null} (after answering 413) when it is larger than {@link
   * #MAX_BODY}.
   */
  static byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        send(ex, 413, "text/plain; charset=utf-8", "request body too large");
        return null;
      }
      return bytes;
    }
  }

  /** Answers with a text body. */
  static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with a body ({@code HEAD} gets the headers only). */
  static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }

  /** Answers 405 unless the method is one of those allowed; returns whether it was. */
  static boolean allow(HttpExchange ex, String... methods) throws IOException {
    for (String m : methods) {
      if (m.equals(ex.getRequestMethod())) {
        return true;
      }
    }
    ex.getResponseHeaders().set("Allow", String.join(", ", methods));
    send(ex, 405, "text/plain; charset=utf-8", "method not allowed");
    return false;
  }

  /** A 303 to another page. */
  static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(303, -1);
    ex.close();
  }

  /** Escapes text for HTML element content and quoted attributes. */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
