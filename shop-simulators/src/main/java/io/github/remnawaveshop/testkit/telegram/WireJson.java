package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The Bot API's JSON of the simulator's objects: users, the bot, chats and messages (with their
 * entities, media, invoice and keyboard). Reads the state it is given; the caller holds the
 * simulator's lock. Not API.
 */
final class WireJson {
  private final long botId;
  private final String botUsername;
  private final String botName;
  private final Map<Long, SimulatedUser> users;

  WireJson(long botId, String botUsername, String botName, Map<Long, SimulatedUser> users) {
    this.botId = botId;
    this.botUsername = botUsername;
    this.botName = botName;
    this.users = users;
  }

  ObjectNode userJson(SimulatedUser u) {
    ObjectNode o = RequestParams.MAPPER.createObjectNode();
    o.put("id", u.id()).put("is_bot", false).put("first_name", u.firstName());
    u.lastNameValue().ifPresent(v -> o.put("last_name", v));
    u.usernameValue().ifPresent(v -> o.put("username", v));
    u.languageValue().ifPresent(v -> o.put("language_code", v));
    return o;
  }

  ObjectNode botJson() {
    ObjectNode o = RequestParams.MAPPER.createObjectNode();
    o.put("id", botId).put("is_bot", true).put("first_name", botName).put("username", botUsername);
    return o;
  }

  ObjectNode chatJson(ChatState chat) {
    ObjectNode o = RequestParams.MAPPER.createObjectNode();
    o.put("id", chat.id);
    if (chat.isPrivate()) {
      o.put("first_name", chat.user.firstName());
      chat.user.lastNameValue().ifPresent(v -> o.put("last_name", v));
      chat.user.usernameValue().ifPresent(v -> o.put("username", v));
    } else {
      o.put("title", chat.title);
    }
    o.put("type", chat.type);
    return o;
  }

  ObjectNode messageJson(ChatState chat, MessageState m) {
    ObjectNode o = RequestParams.MAPPER.createObjectNode();
    o.put("message_id", m.messageId);
    if (m.fromBot) {
      o.set("from", botJson());
    } else {
      o.set("from", userJson(users.get(m.fromUserId)));
    }
    o.set("chat", chatJson(chat));
    o.put("date", m.date.getEpochSecond());
    if (m.editDate != null) {
      o.put("edit_date", m.editDate.getEpochSecond());
    }
    boolean captioned = m.hasMedia();
    if (m.invoice != null) {
      SimulatedInvoice inv = m.invoice;
      ObjectNode i = o.putObject("invoice");
      i.put("title", inv.title())
          .put("description", inv.description())
          .put("start_parameter", "")
          .put("currency", inv.currency())
          .put("total_amount", inv.totalAmount());
    } else if (!m.formatted.plain().isEmpty()) {
      o.put(captioned ? "caption" : "text", m.formatted.plain());
      ArrayNode entities =
          m.fromBot ? m.formatted.entitiesJson() : commandEntities(m.formatted.plain());
      if (!entities.isEmpty()) {
        o.set(captioned ? "caption_entities" : "entities", entities);
      }
    }
    if (m.photo != null) {
      ArrayNode sizes = o.putArray("photo");
      int[][] dims = {{90, 90}, {320, 320}, {800, 800}};
      for (int k = 0; k < dims.length; k++) {
        ObjectNode p = sizes.addObject();
        p.put(
            "file_id",
            k == dims.length - 1 ? m.photo.fileId() : m.photo.fileId() + "_" + dims[k][0]);
        p.put("file_unique_id", m.photo.fileUniqueId() + (k == dims.length - 1 ? "" : "_" + k));
        p.put("file_size", Math.max(1, m.photo.size() * (k + 1) / dims.length));
        p.put("width", dims[k][0]).put("height", dims[k][1]);
      }
    }
    if (m.document != null) {
      ObjectNode d = o.putObject("document");
      d.put("file_id", m.document.fileId()).put("file_unique_id", m.document.fileUniqueId());
      m.document.fileName().ifPresent(v -> d.put("file_name", v));
      m.document.mimeType().ifPresent(v -> d.put("mime_type", v));
      d.put("file_size", m.document.size());
    }
    if (m.extra != null) {
      o.setAll(m.extra);
    }
    if (m.fromBot
        && m.params != null
        && m.params.hasNonNull("link_preview_options")
        && m.params.get("link_preview_options").isObject()
        && m.kind.equals("text")) {
      o.set("link_preview_options", m.params.get("link_preview_options"));
    }
    if (m.replyMarkup != null && !m.keyboard.isEmpty()) {
      o.set("reply_markup", m.replyMarkup);
    }
    return o;
  }

  private static ArrayNode commandEntities(String text) {
    ArrayNode a = RequestParams.MAPPER.createArrayNode();
    if (text.startsWith("/")) {
      int end = 1;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      if (end > 1) {
        a.addObject().put("offset", 0).put("length", end).put("type", "bot_command");
      }
    }
    return a;
  }
}
