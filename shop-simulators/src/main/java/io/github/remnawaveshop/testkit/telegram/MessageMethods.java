package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sendMessage, sendPhoto, sendDocument, copyMessage, the four edits, deleteMessage and
 * sendChatAction, with Telegram's checks and error texts.
 */
final class MessageMethods {
  static final int MAX_TEXT = 4096;
  static final int MAX_CAPTION = 1024;
  private static final String NOT_MODIFIED =
      "message is not modified: specified new message content"
          + " and reply markup are exactly the same as a current content and reply markup of the message";

  private final SimulatorCore core;

  MessageMethods(SimulatorCore core) {
    this.core = core;
  }

  void register(Map<String, MethodHandler> into) {
    into.put("sendMessage", this::sendMessage);
    into.put("sendPhoto", p -> sendFile(p, "photo"));
    into.put("sendDocument", p -> sendFile(p, "document"));
    into.put("copyMessage", this::copyMessage);
    into.put("editMessageText", this::editMessageText);
    into.put("editMessageCaption", this::editMessageCaption);
    into.put("editMessageReplyMarkup", this::editMessageReplyMarkup);
    into.put("editMessageMedia", this::editMessageMedia);
    into.put("deleteMessage", this::deleteMessage);
    into.put("sendChatAction", this::sendChatAction);
  }

  private JsonNode sendMessage(RequestParams p) {
    long chatId = p.chatId();
    String text = p.string("text", "");
    String parseMode = p.string("parse_mode").orElse(null);
    return core.locked(
        () -> {
          ChatState chat = core.writableChat(chatId);
          FormattedText f =
              text(text, parseMode, MAX_TEXT, "message text is empty", "message is too long");
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          core.flood.admit(chatId, true);
          MessageState m = core.newMessage(chat, true, core.botId);
          m.text = text;
          m.parseMode = parseMode;
          m.formatted = f;
          applyMarkup(m, markup);
          m.params = p.fields();
          core.touch();
          return core.json.messageJson(chat, m);
        });
  }

  private JsonNode sendFile(RequestParams p, String kind) {
    long chatId = p.chatId();
    String caption = p.string("caption", "");
    String parseMode = p.string("parse_mode").orElse(null);
    return core.locked(
        () -> {
          ChatState chat = core.writableChat(chatId);
          SentFile file = resolveFile(p, kind, p.fields().get(kind));
          FormattedText f = caption(caption, parseMode);
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          core.flood.admit(chatId, true);
          MessageState m = core.newMessage(chat, true, core.botId);
          m.kind = kind;
          if (kind.equals("photo")) {
            m.photo = file;
          } else {
            m.document = file;
          }
          m.text = caption;
          m.parseMode = parseMode;
          m.formatted = f;
          applyMarkup(m, markup);
          m.params = p.fields();
          core.touch();
          return core.json.messageJson(chat, m);
        });
  }

  private JsonNode copyMessage(RequestParams p) {
    long chatId = p.chatId();
    long fromChatId =
        p.longValue("from_chat_id").orElseThrow(() -> ApiError.badRequest("from_chat_id is empty"));
    long messageId =
        p.longValue("message_id").orElseThrow(() -> ApiError.badRequest("message_id is empty"));
    return core.locked(
        () -> {
          ChatState chat = core.writableChat(chatId);
          ChatState from = core.chats.get(fromChatId);
          if (from == null) {
            throw ApiError.chatNotFound();
          }
          MessageState source = from.message(messageId);
          if (source == null || source.deleted) {
            throw ApiError.badRequest("message to copy not found");
          }
          if (source.invoice != null || source.extra != null) {
            throw ApiError.badRequest("the message can't be copied");
          }
          String text = source.text;
          String parseMode = source.parseMode;
          FormattedText f = source.formatted;
          if (p.has("caption") && source.hasMedia()) {
            text = p.string("caption", "");
            parseMode = p.string("parse_mode").orElse(null);
            f = caption(text, parseMode);
          }
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          core.flood.admit(chatId, true);
          MessageState m = core.newMessage(chat, true, core.botId);
          m.kind = source.kind;
          m.text = text;
          m.parseMode = parseMode;
          m.formatted = f;
          m.photo = source.photo;
          m.document = source.document;
          applyMarkup(m, markup);
          m.params = p.fields();
          core.touch();
          ObjectNode result = RequestParams.MAPPER.createObjectNode();
          result.put("message_id", m.messageId);
          return result;
        });
  }

  private JsonNode editMessageText(RequestParams p) {
    String text = p.string("text", "");
    String parseMode = p.string("parse_mode").orElse(null);
    return core.locked(
        () -> {
          ChatState chat = editableChat(p);
          MessageState m = editable(chat, p);
          if (m.hasMedia() || m.invoice != null) {
            throw ApiError.badRequest("there is no text in the message to edit");
          }
          FormattedText f =
              text(text, parseMode, MAX_TEXT, "message text is empty", "message is too long");
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          if (f.equals(m.formatted) && markup.rows().equals(m.keyboard)) {
            throw ApiError.badRequest(NOT_MODIFIED);
          }
          core.flood.admit(chat.id, false);
          m.text = text;
          m.parseMode = parseMode;
          m.formatted = f;
          applyMarkup(m, markup);
          return edited(chat, m, p);
        });
  }

  private JsonNode editMessageCaption(RequestParams p) {
    String caption = p.string("caption", "");
    String parseMode = p.string("parse_mode").orElse(null);
    return core.locked(
        () -> {
          ChatState chat = editableChat(p);
          MessageState m = editable(chat, p);
          if (!m.hasMedia()) {
            throw ApiError.badRequest("there is no caption in the message to edit");
          }
          FormattedText f = caption(caption, parseMode);
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          if (f.equals(m.formatted) && markup.rows().equals(m.keyboard)) {
            throw ApiError.badRequest(NOT_MODIFIED);
          }
          core.flood.admit(chat.id, false);
          m.text = caption;
          m.parseMode = parseMode;
          m.formatted = f;
          applyMarkup(m, markup);
          return edited(chat, m, p);
        });
  }

  private JsonNode editMessageReplyMarkup(RequestParams p) {
    return core.locked(
        () -> {
          ChatState chat = editableChat(p);
          MessageState m = editable(chat, p);
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          if (markup.rows().equals(m.keyboard)) {
            throw ApiError.badRequest(NOT_MODIFIED);
          }
          core.flood.admit(chat.id, false);
          applyMarkup(m, markup);
          return edited(chat, m, p);
        });
  }

  private JsonNode editMessageMedia(RequestParams p) {
    JsonNode media = p.json("media").orElseThrow(() -> ApiError.badRequest("media is empty"));
    String type = media.path("type").asText("");
    if (!type.equals("photo") && !type.equals("document")) {
      throw ApiError.badRequest("type of the media must be one of photo, document");
    }
    return core.locked(
        () -> {
          ChatState chat = editableChat(p);
          MessageState m = editable(chat, p);
          if (!m.hasMedia()) {
            throw ApiError.badRequest("there is no media in the message to edit");
          }
          SentFile file = resolveFile(p, type, media.get("media"));
          String caption = media.path("caption").asText("");
          String parseMode =
              media.hasNonNull("parse_mode") ? media.get("parse_mode").asText() : null;
          FormattedText f = caption(caption, parseMode);
          InlineKeyboards.Markup markup = InlineKeyboards.parse(p);
          SentFile current = m.photo != null ? m.photo : m.document;
          if (current.fileId().equals(file.fileId())
              && type.equals(m.kind)
              && f.equals(m.formatted)
              && markup.rows().equals(m.keyboard)) {
            throw ApiError.badRequest(NOT_MODIFIED);
          }
          core.flood.admit(chat.id, false);
          m.kind = type;
          m.photo = type.equals("photo") ? file : null;
          m.document = type.equals("document") ? file : null;
          m.text = caption;
          m.parseMode = parseMode;
          m.formatted = f;
          applyMarkup(m, markup);
          return edited(chat, m, p);
        });
  }

  private JsonNode deleteMessage(RequestParams p) {
    long chatId = p.chatId();
    long messageId =
        p.longValue("message_id").orElseThrow(() -> ApiError.badRequest("message_id is empty"));
    return core.locked(
        () -> {
          ChatState chat = core.chats.get(chatId);
          if (chat == null) {
            throw ApiError.chatNotFound();
          }
          MessageState m = chat.message(messageId);
          if (m == null || m.deleted) {
            throw ApiError.badRequest("message to delete not found");
          }
          m.deleted = true;
          core.messageChanged(chat, m);
          return BooleanNode.TRUE;
        });
  }

  private JsonNode sendChatAction(RequestParams p) {
    long chatId = p.chatId();
    String action = p.string("action", "");
    if (action.isEmpty()) {
      throw ApiError.badRequest("action is empty");
    }
    return core.locked(
        () -> {
          core.writableChat(chatId);
          return BooleanNode.TRUE;
        });
  }

  // ---- helpers (caller holds the lock)

  private ChatState editableChat(RequestParams p) {
    if (p.has("inline_message_id") && !p.has("chat_id")) {
      throw ApiError.badRequest("message to edit not found");
    }
    return core.writableChat(p.chatId());
  }

  private MessageState editable(ChatState chat, RequestParams p) {
    long messageId =
        p.longValue("message_id").orElseThrow(() -> ApiError.badRequest("message_id is empty"));
    MessageState m = chat.message(messageId);
    if (m == null || m.deleted) {
      throw ApiError.badRequest("message to edit not found");
    }
    if (!m.fromBot) {
      throw ApiError.badRequest("message can't be edited");
    }
    return m;
  }

  private JsonNode edited(ChatState chat, MessageState m, RequestParams p) {
    m.edited = true;
    m.editDate = core.clock.instant();
    m.params = p.fields();
    core.messageChanged(chat, m);
    return core.json.messageJson(chat, m);
  }

  private static void applyMarkup(MessageState m, InlineKeyboards.Markup markup) {
    m.keyboard = markup.rows();
    m.replyMarkup = markup.rows().isEmpty() ? null : markup.json();
  }

  private static FormattedText text(
      String text, String parseMode, int max, String empty, String tooLong) {
    if (text.isEmpty()) {
      throw ApiError.badRequest(empty);
    }
    FormattedText f = FormattedText.parse(text, parseMode);
    if (f.plain().isBlank()) {
      throw ApiError.badRequest(empty);
    }
    if (f.plain().length() > max) {
      throw ApiError.badRequest(tooLong);
    }
    return f;
  }

  private static FormattedText caption(String caption, String parseMode) {
    if (caption.isEmpty()) {
      return FormattedText.plain("");
    }
    FormattedText f = FormattedText.parse(caption, parseMode);
    if (f.plain().length() > MAX_CAPTION) {
      throw ApiError.badRequest("message caption is too long");
    }
    return f;
  }

  /** The file of a photo/document parameter: an upload, attach://, a known file_id or a URL. */
  private SentFile resolveFile(RequestParams p, String kind, JsonNode value) {
    Optional<RequestParams.Upload> upload = p.upload(kind);
    String ref = value == null || value.isObject() ? null : value.asText();
    if (upload.isEmpty() && ref != null) {
      upload = p.attachment(ref);
      if (ref.startsWith("attach://") && upload.isEmpty()) {
        throw ApiError.badRequest("wrong file identifier/HTTP URL specified");
      }
    }
    if (upload.isPresent()) {
      RequestParams.Upload u = upload.get();
      if (u.bytes().length == 0) {
        throw ApiError.badRequest("file must be non-empty");
      }
      String id = (kind.equals("photo") ? "AgACAgIAAxkBAAI" : "BQACAgIAAxkBAAI") + core.newId("");
      SentFile f =
          new SentFile(
              id,
              "AQAD" + core.newId(""),
              Optional.ofNullable(u.fileName()),
              Optional.ofNullable(u.contentType()),
              Optional.empty(),
              u.bytes());
      core.files.put(id, f);
      return f;
    }
    if (ref == null || ref.isEmpty()) {
      throw ApiError.badRequest("there is no " + kind + " in the request");
    }
    SentFile known = core.files.get(ref);
    if (known != null) {
      return known;
    }
    if (ref.startsWith("http://") || ref.startsWith("https://")) {
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      return new SentFile(
          "url" + Integer.toHexString(Objects.hash(ref)),
          "AQADurl" + core.newId(""),
          name.isEmpty() ? Optional.empty() : Optional.of(name),
          Optional.empty(),
          Optional.of(ref),
          new byte[0]);
    }
    throw ApiError.badRequest("wrong file identifier/HTTP URL specified");
  }
}
