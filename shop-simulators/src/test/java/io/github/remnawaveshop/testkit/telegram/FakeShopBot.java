package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A tiny shop "bot" speaking plain HTTP to the simulator (no SDK classes): /start shows a menu,
 * "Buy" sends a Stars invoice, a paid invoice gets a QR photo and a config document.
 */
final class FakeShopBot implements AutoCloseable {
  private final Wire api;
  private final Thread thread;
  private volatile boolean running = true;

  FakeShopBot(BotApiSimulator sim) {
    this.api = new Wire(sim);
    this.thread = new Thread(this::run, "fake-shop-bot");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long offset = 0;
    while (running) {
      Wire.Reply r;
      try {
        r = api.call("getUpdates", "offset", offset, "timeout", 1);
      } catch (RuntimeException e) {
        return;
      }
      if (!r.json().path("ok").asBoolean()) {
        continue;
      }
      for (JsonNode u : r.json().get("result")) {
        offset = u.get("update_id").asLong() + 1;
        try {
          handle(u);
        } catch (RuntimeException e) {
          System.err.println("fake bot failed on " + u + ": " + e);
        }
      }
    }
  }

  private static Map<String, Object> keyboard(List<List<Map<String, Object>>> rows) {
    return Map.of("inline_keyboard", rows);
  }

  private void handle(JsonNode u) {
    if (u.has("message")) {
      JsonNode m = u.get("message");
      long chat = m.at("/chat/id").asLong();
      if (m.has("successful_payment")) {
        api.multipart(
            "sendPhoto",
            "photo",
            "qr.png",
            qr(),
            "chat_id",
            Long.toString(chat),
            "caption",
            "Scan this QR code in your VPN app",
            "parse_mode",
            "HTML");
        api.multipart(
            "sendDocument",
            "document",
            "basic.conf",
            "vless://example#basic".getBytes(StandardCharsets.UTF_8),
            "chat_id",
            Long.toString(chat),
            "caption",
            "Or import this config");
        return;
      }
      String text = m.path("text").asText();
      if (text.startsWith("/start")) {
        api.call(
            "sendMessage",
            "chat_id",
            chat,
            "parse_mode",
            "HTML",
            "text",
            "<b>Welcome to the VPN shop</b>, "
                + escape(m.at("/from/first_name").asText())
                + "!\nPick a plan. <i>All plans are 30 days.</i>\n<code>basic</code> — 1 device, <code>pro</code> — 5 devices",
            "reply_markup",
            keyboard(
                List.of(
                    List.of(
                        Map.of("text", "Buy", "callback_data", "buy:basic"),
                        Map.of("text", "Buy Pro", "callback_data", "buy:pro")),
                    List.of(Map.of("text", "Help", "url", "https://example.org/help")))));
      } else {
        api.call("sendMessage", "chat_id", chat, "text", "You said: " + text);
      }
    } else if (u.has("callback_query")) {
      JsonNode q = u.get("callback_query");
      long chat = q.at("/message/chat/id").asLong();
      api.call("answerCallbackQuery", "callback_query_id", q.get("id").asText());
      String data = q.get("data").asText();
      api.call(
          "editMessageText",
          "chat_id",
          chat,
          "message_id",
          q.at("/message/message_id").asLong(),
          "parse_mode",
          "HTML",
          "text",
          "You picked <b>" + escape(data.substring(4)) + "</b>. Pay below.");
      api.call(
          "sendInvoice",
          "chat_id",
          chat,
          "title",
          data.equals("buy:pro") ? "Pro, 30 days" : "Basic, 30 days",
          "description",
          "VPN subscription",
          "payload",
          "order:" + data,
          "currency",
          "XTR",
          "prices",
          List.of(Map.of("label", "Plan", "amount", data.equals("buy:pro") ? 250 : 100)));
    } else if (u.has("pre_checkout_query")) {
      api.call(
          "answerPreCheckoutQuery",
          "pre_checkout_query_id",
          u.at("/pre_checkout_query/id").asText(),
          "ok",
          true);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A QR-looking PNG (a deterministic pattern; nothing scans it). */
  static byte[] qr() {
    int cells = 25;
    int scale = 8;
    BufferedImage img =
        new BufferedImage((cells + 2) * scale, (cells + 2) * scale, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    java.util.Random r = new java.util.Random(42);
    for (int y = 0; y < cells; y++) {
      for (int x = 0; x < cells; x++) {
        boolean finder = (x < 7 && y < 7) || (x >= cells - 7 && y < 7) || (x < 7 && y >= cells - 7);
        boolean on =
            finder
                ? (x % 6 == 0
                    || y % 6 == 0
                    || (x % 6 >= 2 && x % 6 <= 4 && y % 6 >= 2 && y % 6 <= 4)
                    || x == cells - 1
                    || x == cells - 7
                    || y == cells - 1
                    || y == cells - 7)
                : r.nextBoolean();
        if (finder && x >= cells - 7) {
          int lx = x - (cells - 7);
          on = lx == 0 || lx == 6 || y == 0 || y == 6 || (lx >= 2 && lx <= 4 && y >= 2 && y <= 4);
        } else if (finder && y >= cells - 7) {
          int ly = y - (cells - 7);
          on = x == 0 || x == 6 || ly == 0 || ly == 6 || (x >= 2 && x <= 4 && ly >= 2 && ly <= 4);
        } else if (finder) {
          on = x == 0 || x == 6 || y == 0 || y == 6 || (x >= 2 && x <= 4 && y >= 2 && y <= 4);
        }
        if (on) {
          g.fillRect((x + 1) * scale, (y + 1) * scale, scale, scale);
        }
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
