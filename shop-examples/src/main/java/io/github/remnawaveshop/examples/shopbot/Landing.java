package io.github.remnawaveshop.examples.shopbot;

import com.sun.net.httpserver.HttpHandler;

/**
 * What {@code /} shows when the bot runs on real Telegram (no sandbox): a line saying what this is.
 */
final class Landing {
  private Landing() {}

  static HttpHandler page(String shopName) {
    String html =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
            + Http.html(shopName)
            + "</title></head>"
            + "<body><p>"
            + Http.html(shopName)
            + " bot is running. Endpoints: /health, /metrics, /webhooks/payments/{gateway},"
            + " /webhooks/panel.</p></body></html>";
    return ex -> {
      try (ex) {
        if (!ex.getRequestURI().getPath().equals("/")) {
          Http.send(ex, 404, "text/plain; charset=utf-8", "not found");
        } else if (Http.allow(ex, "GET", "HEAD")) {
          Http.send(ex, 200, "text/html; charset=utf-8", html);
        }
      }
    };
  }
}
