package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Pattern;

/** getMe, the bot-command methods, answerCallbackQuery, getChat and getChatMember. */
final class BotMethods {
  private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");

  private final SimulatorCore core;

  BotMethods(SimulatorCore core) {
    this.core = core;
  }

  void register(Map<String, MethodHandler> into) {
    into.put("getMe", p -> getMe());
    into.put("setMyCommands", this::setMyCommands);
    into.put("getMyCommands", p -> core.locked(() -> core.commands.deepCopy()));
    into.put(
        "deleteMyCommands",
        p ->
            core.locked(
                () -> {
                  core.commands = RequestParams.MAPPER.createArrayNode();
                  return BooleanNode.TRUE;
                }));
    into.put("answerCallbackQuery", this::answerCallbackQuery);
    into.put("getChat", this::getChat);
    into.put("getChatMember", this::getChatMember);
  }

  private JsonNode getMe() {
    return core.locked(
        () -> {
          ObjectNode o = core.json.botJson();
          o.put("can_join_groups", true)
              .put("can_read_all_group_messages", false)
              .put("supports_inline_queries", false)
              .put("can_connect_to_business", false)
              .put("has_main_web_app", false);
          return o;
        });
  }

  private JsonNode setMyCommands(RequestParams p) {
    JsonNode commands =
        p.json("commands").orElseThrow(() -> ApiError.badRequest("commands is empty"));
    if (!commands.isArray()) {
      throw ApiError.badRequest("can't parse commands JSON array");
    }
    if (commands.size() > 100) {
      throw ApiError.badRequest("too many commands");
    }
    for (JsonNode c : commands) {
      String command = c.path("command").asText("");
      String description = c.path("description").asText("");
      if (!COMMAND.matcher(command).matches()) {
        throw ApiError.badRequest("BOT_COMMAND_INVALID");
      }
      if (description.isEmpty() || description.length() > 256) {
        throw ApiError.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    return core.locked(
        () -> {
          core.commands = commands.deepCopy();
          return BooleanNode.TRUE;
        });
  }

  private JsonNode answerCallbackQuery(RequestParams p) {
    String id = p.string("callback_query_id", "");
    String text = p.string("text").orElse(null);
    boolean showAlert = p.bool("show_alert", false);
    if (text != null && text.length() > 200) {
      throw ApiError.badRequest("MESSAGE_TOO_LONG");
    }
    return core.locked(
        () -> {
          SimulatorCore.CallbackState c = core.callbacks.get(id);
          if (c == null || c.answered) {
            throw ApiError.badRequest(
                "query is too old and response timeout expired or query ID is invalid");
          }
          c.answered = true;
          c.answerText = text;
          c.showAlert = showAlert;
          core.touch();
          return BooleanNode.TRUE;
        });
  }

  private JsonNode getChat(RequestParams p) {
    long chatId = p.chatId();
    return core.locked(
        () -> {
          ChatState chat = core.chats.get(chatId);
          if (chat == null) {
            throw ApiError.chatNotFound();
          }
          ObjectNode o = core.json.chatJson(chat);
          o.put("accent_color_id", 0).put("max_reaction_count", 11);
          return o;
        });
  }

  private JsonNode getChatMember(RequestParams p) {
    long chatId = p.chatId();
    long userId = p.longValue("user_id").orElseThrow(() -> ApiError.badRequest("user_id is empty"));
    return core.locked(
        () -> {
          ChatState chat = core.chats.get(chatId);
          if (chat == null) {
            throw ApiError.chatNotFound();
          }
          ObjectNode o = RequestParams.MAPPER.createObjectNode();
          if (userId == core.botId) {
            o.put("status", chat.isPrivate() ? "member" : "administrator");
            o.set("user", core.json.botJson());
            return o;
          }
          SimulatedUser user = core.users.get(userId);
          if (user == null) {
            throw ApiError.badRequest("user not found");
          }
          boolean member = chat.isPrivate() ? chat.id == userId : chat.members.contains(userId);
          if (chat.isPrivate() && chat.id != userId) {
            throw ApiError.badRequest("user not found");
          }
          o.put("status", member ? "member" : "left");
          o.set("user", core.json.userJson(user));
          return o;
        });
  }
}
