package io.github.remnawaveshop.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoreMethodsTest {
  private final BotApiSimulator sim =
      BotApiSimulator.builder().botUsername("shop_test_bot").build();
  private final Wire bot = new Wire(sim);

  @AfterEach
  void close() {
    sim.close();
  }

  private static Map<String, Object> keyboard(String text, String data) {
    return Map.of("inline_keyboard", List.of(List.of(Map.of("text", text, "callback_data", data))));
  }

  @Test
  void getMeAnswersTheBotAndWrongTokensGet401() {
    JsonNode me = bot.call("getMe").result();
    assertThat(me.get("is_bot").asBoolean()).isTrue();
    assertThat(me.get("username").asText()).isEqualTo("shop_test_bot");
    assertThat(me.get("id").asLong()).isEqualTo(sim.botId());

    Wire.Reply wrong = new Wire(sim.baseUrl() + "bot999:nope/").call("getMe");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.raw())
        .isEqualTo("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
  }

  @Test
  void unknownMethodsGet404AndMethodNamesAreCaseInsensitive() {
    Wire.Reply r = bot.call("sendTelepathy");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.description()).isEqualTo("Not Found: method not found");
    assertThat(bot.call("getme").result().get("username").asText()).isEqualTo("shop_test_bot");
    assertThat(sim.requests("getMe")).hasSize(1);
  }

  @Test
  void sendMessageAnswersTheMessageInWireFormatAndIsRecorded() {
    sim.user(42).name("Alice").username("alice").language("ru");
    JsonNode m =
        bot.call(
                "sendMessage",
                "chat_id",
                42,
                "text",
                "<b>Hi</b> there",
                "parse_mode",
                "HTML",
                "reply_markup",
                keyboard("Buy", "buy:basic"))
            .result();
    assertThat(m.get("message_id").asLong()).isEqualTo(1);
    assertThat(m.get("text").asText()).isEqualTo("Hi there");
    assertThat(m.get("entities").get(0).get("type").asText()).isEqualTo("bold");
    assertThat(m.at("/chat/id").asLong()).isEqualTo(42);
    assertThat(m.at("/chat/type").asText()).isEqualTo("private");
    assertThat(m.at("/chat/first_name").asText()).isEqualTo("Alice");
    assertThat(m.at("/chat/username").asText()).isEqualTo("alice");
    assertThat(m.at("/from/is_bot").asBoolean()).isTrue();
    assertThat(m.get("date").asLong()).isPositive();
    assertThat(m.at("/reply_markup/inline_keyboard/0/0/callback_data").asText())
        .isEqualTo("buy:basic");

    SentMessage sent = sim.chat(42).lastMessage().orElseThrow();
    assertThat(sent.text()).isEqualTo("<b>Hi</b> there");
    assertThat(sent.parseMode()).contains("HTML");
    assertThat(sent.hasButton("Buy")).isTrue();
    assertThat(sent.buttonTexts()).containsExactly("Buy");
    assertThat(sim.requests("sendMessage").get(0).chatId()).contains(42L);

    assertThat(
            bot.call("sendMessage", "chat_id", 42, "text", "second")
                .result()
                .get("message_id")
                .asLong())
        .isEqualTo(2);
  }

  @Test
  void sendMessageAcceptsFormAndQueryParameters() {
    sim.user(7);
    assertThat(
            bot.form(
                    "sendMessage",
                    "chat_id=7&text=hello%20form&reply_markup="
                        + java.net.URLEncoder.encode(
                            "{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"a\"}]]}",
                            java.nio.charset.StandardCharsets.UTF_8))
                .result()
                .get("text")
                .asText())
        .isEqualTo("hello form");
    assertThat(bot.get("sendMessage?chat_id=7&text=by%20get").result().get("text").asText())
        .isEqualTo("by get");
    assertThat(sim.chat(7).messages())
        .extracting(SentMessage::text)
        .containsExactly("hello form", "by get");
    assertThat(sim.chat(7).messages().get(0).hasButton("A")).isTrue();
  }

  @Test
  void sendMessageErrors() {
    sim.user(42);
    assertThat(bot.call("sendMessage", "chat_id", 999, "text", "x").description())
        .isEqualTo("Bad Request: chat not found");
    assertThat(bot.call("sendMessage", "chat_id", 42, "text", "").description())
        .isEqualTo("Bad Request: message text is empty");
    Wire.Reply tooLong = bot.call("sendMessage", "chat_id", 42, "text", "x".repeat(4097));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.description()).isEqualTo("Bad Request: message is too long");
    assertThat(bot.call("sendMessage", "chat_id", 42, "text", "x".repeat(4096)).status())
        .isEqualTo(200);
    assertThat(
            bot.call("sendMessage", "chat_id", 42, "text", "<b>bold", "parse_mode", "HTML")
                .description())
        .isEqualTo(
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
    assertThat(
            bot.call("sendMessage", "chat_id", 42, "text", "<blink>x</blink>", "parse_mode", "HTML")
                .description())
        .isEqualTo(
            "Bad Request: can't parse entities: Unsupported start tag \"blink\" at byte offset 0");
    assertThat(
            bot.call("sendMessage", "chat_id", 42, "text", "Price 1.5", "parse_mode", "MarkdownV2")
                .description())
        .isEqualTo(
            "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
    assertThat(
            bot.call("sendMessage", "chat_id", 42, "text", "*ok* 1\\.5", "parse_mode", "MarkdownV2")
                .status())
        .isEqualTo(200);
    assertThat(
            bot.call(
                    "sendMessage",
                    "chat_id",
                    42,
                    "text",
                    "x",
                    "reply_markup",
                    keyboard("Buy", "d".repeat(65)))
                .description())
        .isEqualTo("Bad Request: BUTTON_DATA_INVALID");
    assertThat(
            bot.call(
                    "sendMessage",
                    "chat_id",
                    42,
                    "text",
                    "x",
                    "reply_markup",
                    keyboard("Buy", "д".repeat(32)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void editsApplyInPlaceAndAnswerTelegramsErrors() {
    sim.user(42);
    long id =
        bot.call("sendMessage", "chat_id", 42, "text", "one", "reply_markup", keyboard("A", "a"))
            .result()
            .get("message_id")
            .asLong();
    JsonNode edited =
        bot.call(
                "editMessageText",
                "chat_id",
                42,
                "message_id",
                id,
                "text",
                "two",
                "reply_markup",
                keyboard("B", "b"))
            .result();
    assertThat(edited.get("text").asText()).isEqualTo("two");
    assertThat(edited.has("edit_date")).isTrue();
    SentMessage m = sim.chat(42).lastMessage().orElseThrow();
    assertThat(m.text()).isEqualTo("two");
    assertThat(m.edited()).isTrue();
    assertThat(m.buttonTexts()).containsExactly("B");
    assertThat(sim.chat(42).messages()).hasSize(1);

    assertThat(
            bot.call(
                    "editMessageText",
                    "chat_id",
                    42,
                    "message_id",
                    id,
                    "text",
                    "two",
                    "reply_markup",
                    keyboard("B", "b"))
                .description())
        .isEqualTo(
            "Bad Request: message is not modified: "
                + "specified new message content and reply markup are exactly the same as a current content and "
                + "reply markup of the message");
    assertThat(
            bot.call("editMessageText", "chat_id", 42, "message_id", 77, "text", "x").description())
        .isEqualTo("Bad Request: message to edit not found");
    assertThat(
            bot.call(
                    "editMessageReplyMarkup",
                    "chat_id",
                    42,
                    "message_id",
                    id,
                    "reply_markup",
                    keyboard("C", "c"))
                .result()
                .at("/reply_markup/inline_keyboard/0/0/text")
                .asText())
        .isEqualTo("C");

    long photo =
        bot.multipart(
                "sendPhoto",
                "photo",
                "qr.png",
                new byte[] {1, 2, 3},
                "chat_id",
                "42",
                "caption",
                "scan me")
            .result()
            .get("message_id")
            .asLong();
    assertThat(
            bot.call("editMessageText", "chat_id", 42, "message_id", photo, "text", "x")
                .description())
        .isEqualTo("Bad Request: there is no text in the message to edit");
    assertThat(
            bot.call("editMessageCaption", "chat_id", 42, "message_id", photo, "caption", "new")
                .result()
                .get("caption")
                .asText())
        .isEqualTo("new");
    assertThat(
            bot.call("editMessageCaption", "chat_id", 42, "message_id", id, "caption", "new")
                .description())
        .isEqualTo("Bad Request: there is no caption in the message to edit");

    assertThat(bot.call("deleteMessage", "chat_id", 42, "message_id", id).result().asBoolean())
        .isTrue();
    assertThat(bot.call("deleteMessage", "chat_id", 42, "message_id", id).description())
        .isEqualTo("Bad Request: message to delete not found");
    assertThat(sim.chat(42).messages().get(0).deleted()).isTrue();
    assertThat(sim.chat(42).lastMessage().orElseThrow().messageId()).isEqualTo(photo);
  }

  @Test
  void photosAndDocumentsKeepUploadedBytesAndFileIdsCanBeReused() {
    sim.user(42);
    JsonNode photo =
        bot.multipart("sendPhoto", "photo", "qr.png", new byte[] {9, 8, 7}, "chat_id", "42")
            .result();
    JsonNode sizes = photo.get("photo");
    assertThat(sizes.size()).isGreaterThan(1);
    JsonNode largest = sizes.get(sizes.size() - 1);
    assertThat(largest.has("file_unique_id")).isTrue();
    assertThat(largest.has("width")).isTrue();
    String fileId = largest.get("file_id").asText();
    assertThat(sim.chat(42).lastMessage().orElseThrow().photo().orElseThrow().bytes())
        .containsExactly(9, 8, 7);

    bot.call("sendPhoto", "chat_id", 42, "photo", fileId);
    assertThat(sim.chat(42).lastMessage().orElseThrow().photo().orElseThrow().bytes())
        .containsExactly(9, 8, 7);
    assertThat(bot.call("sendPhoto", "chat_id", 42, "photo", "nonsense").description())
        .isEqualTo("Bad Request: wrong file identifier/HTTP URL specified");

    JsonNode doc =
        bot.multipart(
                "sendDocument",
                "document",
                "config.txt",
                "vless://x".getBytes(),
                "chat_id",
                "42",
                "caption",
                "your config")
            .result();
    assertThat(doc.at("/document/file_name").asText()).isEqualTo("config.txt");
    assertThat(doc.get("caption").asText()).isEqualTo("your config");
    SentFile file = sim.chat(42).lastMessage().orElseThrow().document().orElseThrow();
    assertThat(file.fileName()).contains("config.txt");
    assertThat(new String(file.bytes())).isEqualTo("vless://x");
  }

  @Test
  void copyMessageCopiesAUserOrBotMessage() {
    sim.user(1);
    sim.user(2).sends("hello admin");
    JsonNode copy =
        bot.call("copyMessage", "chat_id", 1, "from_chat_id", 2, "message_id", 1).result();
    assertThat(copy.get("message_id").asLong()).isEqualTo(1);
    assertThat(sim.chat(1).lastMessage().orElseThrow().text()).isEqualTo("hello admin");
    assertThat(
            bot.call("copyMessage", "chat_id", 1, "from_chat_id", 2, "message_id", 50)
                .description())
        .isEqualTo("Bad Request: message to copy not found");
  }

  @Test
  void blockedUsersAnswer403AndMigratedGroupsAnswerTheNewId() {
    SimulatedUser u = sim.user(42);
    u.blocksBot();
    Wire.Reply r = bot.call("sendMessage", "chat_id", 42, "text", "x");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.description()).isEqualTo("Forbidden: bot was blocked by the user");
    u.unblocksBot();
    assertThat(bot.call("sendMessage", "chat_id", 42, "text", "x").status()).isEqualTo(200);

    sim.group(-100123);
    sim.migrateChat(-100123, -1001234567890L);
    Wire.Reply m = bot.call("sendMessage", "chat_id", -100123, "text", "x");
    assertThat(m.status()).isEqualTo(400);
    assertThat(m.json().at("/parameters/migrate_to_chat_id").asLong()).isEqualTo(-1001234567890L);
    assertThat(bot.call("sendMessage", "chat_id", -1001234567890L, "text", "x").status())
        .isEqualTo(200);
  }

  @Test
  void getChatMemberFollowsJoinsAndLeaves() {
    SimulatedUser u = sim.user(42);
    u.joins(-100777);
    assertThat(
            bot.call("getChatMember", "chat_id", -100777, "user_id", 42)
                .result()
                .get("status")
                .asText())
        .isEqualTo("member");
    u.leaves(-100777);
    JsonNode left = bot.call("getChatMember", "chat_id", -100777, "user_id", 42).result();
    assertThat(left.get("status").asText()).isEqualTo("left");
    assertThat(left.at("/user/id").asLong()).isEqualTo(42);
    assertThat(bot.call("getChatMember", "chat_id", -100999, "user_id", 42).description())
        .isEqualTo("Bad Request: chat not found");
  }

  @Test
  void setMyCommandsValidatesAndStores() {
    assertThat(
            bot.call(
                    "setMyCommands",
                    "commands",
                    List.of(Map.of("command", "start", "description", "Start")))
                .result()
                .asBoolean())
        .isTrue();
    assertThat(sim.myCommands().get(0).get("command").asText()).isEqualTo("start");
    assertThat(
            bot.call(
                    "setMyCommands",
                    "commands",
                    List.of(Map.of("command", "Bad Command", "description", "x")))
                .description())
        .isEqualTo("Bad Request: BOT_COMMAND_INVALID");
  }

  @Test
  void faultsAreQueuedPerMethod() {
    sim.user(42);
    sim.failNext("sendMessage", 500, "Internal Server Error");
    sim.failNext("sendMessage", 429, "Too Many Requests: retry after 3", Duration.ofSeconds(3));
    sim.answerHtmlNext("sendMessage");
    assertThat(bot.call("sendMessage", "chat_id", 42, "text", "x").status()).isEqualTo(500);
    Wire.Reply limited = bot.call("sendMessage", "chat_id", 42, "text", "x");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().at("/parameters/retry_after").asInt()).isEqualTo(3);
    Wire.Reply html = bot.call("sendMessage", "chat_id", 42, "text", "x");
    assertThat(html.status()).isEqualTo(502);
    assertThat(html.raw()).contains("<title>502 Bad Gateway</title>");
    assertThat(bot.call("sendMessage", "chat_id", 42, "text", "x").status()).isEqualTo(200);
    assertThat(sim.chat(42).messages()).hasSize(1);
    assertThat(sim.requests("sendMessage")).hasSize(4);
  }

  @Test
  void buildersNameBadValues() {
    assertThatThrownBy(() -> BotApiSimulator.builder().token("nope"))
        .hasMessageContaining("token")
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> BotApiSimulator.builder().port(70000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> SimulatedLimits.builder().perChat(0, Duration.ofSeconds(1)))
        .hasMessageContaining("perChat count");
  }

  @Test
  void editMessageMediaSwapsThePhotoAndLinkPreviewOptionsAreEchoed() {
    sim.user(42);
    long photo =
        bot.multipart("sendPhoto", "photo", "a.png", new byte[] {1}, "chat_id", "42")
            .result()
            .get("message_id")
            .asLong();
    JsonNode edited =
        bot.multipart(
                "editMessageMedia",
                "qr",
                "b.png",
                new byte[] {2, 2},
                "chat_id",
                "42",
                "message_id",
                Long.toString(photo),
                "media",
                "{\"type\":\"photo\",\"media\":\"attach://qr\",\"caption\":\"new QR\"}")
            .result();
    assertThat(edited.get("caption").asText()).isEqualTo("new QR");
    SentMessage m = sim.chat(42).lastMessage().orElseThrow();
    assertThat(m.photo().orElseThrow().bytes()).containsExactly(2, 2);
    assertThat(m.edited()).isTrue();
    long text =
        bot.call(
                "sendMessage",
                "chat_id",
                42,
                "text",
                "see https://example.org",
                "link_preview_options",
                Map.of("is_disabled", true))
            .result()
            .get("message_id")
            .asLong();
    assertThat(
            bot.call(
                    "editMessageMedia",
                    "chat_id",
                    42,
                    "message_id",
                    text,
                    "media",
                    Map.of("type", "photo", "media", "https://example.org/a.png"))
                .description())
        .isEqualTo("Bad Request: there is no media in the message to edit");
    assertThat(
            sim.chat(42)
                .lastMessage()
                .orElseThrow()
                .params()
                .at("/link_preview_options/is_disabled")
                .asBoolean())
        .isTrue();
    assertThat(
            bot.call(
                    "sendMessage",
                    "chat_id",
                    42,
                    "text",
                    "x",
                    "link_preview_options",
                    Map.of("is_disabled", true))
                .result()
                .at("/link_preview_options/is_disabled")
                .asBoolean())
        .isTrue();
  }

  @Test
  void plainTextResolvesMarkup() {
    sim.user(42);
    bot.call(
        "sendMessage", "chat_id", 42, "parse_mode", "HTML", "text", "<b>Pay</b> &lt;100&gt; ⭐");
    assertThat(sim.chat(42).lastMessage().orElseThrow().plainText()).isEqualTo("Pay <100> ⭐");
    bot.call(
        "sendMessage",
        "chat_id",
        42,
        "parse_mode",
        "MarkdownV2",
        "text",
        "*Pay* 1\\.5 [here](https://x.org)");
    SentMessage md = sim.chat(42).lastMessage().orElseThrow();
    assertThat(md.plainText()).isEqualTo("Pay 1.5 here");
    assertThat(md.text()).isEqualTo("*Pay* 1\\.5 [here](https://x.org)");
  }
}
