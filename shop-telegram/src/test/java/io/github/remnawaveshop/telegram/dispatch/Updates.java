package io.github.remnawaveshop.telegram.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/** Real-shaped update JSON for tests, as Telegram posts it. */
final class Updates {
  private static final AtomicLong IDS = new AtomicLong(1000);

  private Updates() {}

  static long nextId() {
    return IDS.incrementAndGet();
  }

  static String message(long id, long user, String text) {
    return message(id, user, user, text);
  }

  static String message(long id, long user, long chat, String text) {
    String chatType = chat < 0 ? "supergroup" : "private";
    return "{\"update_id\":"
        + id
        + ",\"message\":{\"message_id\":"
        + (id % 100000)
        + ",\"from\":{\"id\":"
        + user
        + ",\"is_bot\":false,\"first_name\":\"U"
        + user
        + "\",\"language_code\":\"en\"},\"chat\":{\"id\":"
        + chat
        + ",\"type\":\""
        + chatType
        + "\"},\"date\":1764600000,\"text\":"
        + quote(text)
        + "}}";
  }

  static String callback(long id, long user, String data, long messageId) {
    return "{\"update_id\":"
        + id
        + ",\"callback_query\":{\"id\":\"cb"
        + id
        + "\",\"from\":{\"id\":"
        + user
        + ",\"is_bot\":false,\"first_name\":\"U"
        + user
        + "\"},\"chat_instance\":\"ci\",\"data\":"
        + quote(data)
        + ",\"message\":{\"message_id\":"
        + messageId
        + ",\"chat\":{\"id\":"
        + user
        + ",\"type\":\"private\"},\"date\":1764600000,\"text\":\"menu\"}}}";
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
