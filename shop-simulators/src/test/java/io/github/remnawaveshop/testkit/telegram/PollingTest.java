package io.github.remnawaveshop.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingTest {
  private final BotApiSimulator sim = BotApiSimulator.builder().build();
  private final Wire bot = new Wire(sim);

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void userMessagesArriveAsUpdatesInWireFormat() {
    SimulatedUser u = sim.user(42).name("Alice").username("alice").language("ru");
    long updateId = u.sends("/start ref_abc");
    JsonNode updates = bot.call("getUpdates", "timeout", 0).result();
    assertThat(updates).hasSize(1);
    JsonNode update = updates.get(0);
    assertThat(update.get("update_id").asLong()).isEqualTo(updateId);
    JsonNode m = update.get("message");
    assertThat(m.get("text").asText()).isEqualTo("/start ref_abc");
    assertThat(m.at("/from/id").asLong()).isEqualTo(42);
    assertThat(m.at("/from/is_bot").asBoolean()).isFalse();
    assertThat(m.at("/from/first_name").asText()).isEqualTo("Alice");
    assertThat(m.at("/from/username").asText()).isEqualTo("alice");
    assertThat(m.at("/from/language_code").asText()).isEqualTo("ru");
    assertThat(m.at("/chat/id").asLong()).isEqualTo(42);
    assertThat(m.at("/chat/type").asText()).isEqualTo("private");
    assertThat(m.at("/entities/0/type").asText()).isEqualTo("bot_command");
    assertThat(m.at("/entities/0/length").asInt()).isEqualTo(6);
    assertThat(sim.updatesDelivered()).isEqualTo(1);
  }

  @Test
  void offsetConfirmsEarlierUpdatesAndUnconfirmedOnesComeAgain() {
    SimulatedUser u = sim.user(42);
    long first = u.sends("one");
    long second = u.sends("two");
    assertThat(bot.call("getUpdates").result()).hasSize(2);
    assertThat(bot.call("getUpdates").result()).hasSize(2);
    assertThat(sim.pendingUpdates()).isEqualTo(2);
    JsonNode rest = bot.call("getUpdates", "offset", first + 1).result();
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).get("update_id").asLong()).isEqualTo(second);
    assertThat(bot.call("getUpdates", "offset", second + 1).result()).isEmpty();
    assertThat(sim.pendingUpdates()).isZero();
    assertThat(sim.updatesDelivered()).isEqualTo(2);
    u.sends("three");
    u.sends("four");
    assertThat(bot.call("getUpdates", "limit", 1).result()).hasSize(1);
  }

  @Test
  void longPollBlocksUntilAnUpdateArrives() throws Exception {
    sim.user(42);
    CompletableFuture<Wire.Reply> poll =
        CompletableFuture.supplyAsync(() -> bot.call("getUpdates", "timeout", 20));
    awaitPolling();
    assertThat(poll).isNotDone();
    long start = System.nanoTime();
    sim.user(42).sends("hi");
    JsonNode updates = poll.get(5, TimeUnit.SECONDS).result();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    assertThat(updates).hasSize(1);
  }

  @Test
  void longPollReturnsEmptyAfterTheTimeout() {
    long start = System.nanoTime();
    JsonNode updates = bot.call("getUpdates", "timeout", 1).result();
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(updates).isEmpty();
    assertThat(took).isBetween(900L, 5000L);
  }

  @Test
  void aSecondPollTerminatesTheFirstWith409() throws Exception {
    CompletableFuture<Wire.Reply> first =
        CompletableFuture.supplyAsync(() -> bot.call("getUpdates", "timeout", 20));
    awaitPolling();
    CompletableFuture<Wire.Reply> second =
        CompletableFuture.supplyAsync(() -> bot.call("getUpdates", "timeout", 20));
    Wire.Reply terminated = first.get(5, TimeUnit.SECONDS);
    assertThat(terminated.status()).isEqualTo(409);
    assertThat(terminated.description())
        .isEqualTo(
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    sim.user(1).sends("x");
    assertThat(second.get(5, TimeUnit.SECONDS).result()).hasSize(1);
  }

  @Test
  void allowedUpdatesFiltersTypes() {
    SimulatedUser u = sim.user(42);
    bot.call(
        "sendMessage",
        "chat_id",
        42,
        "text",
        "menu",
        "reply_markup",
        Map.of("inline_keyboard", List.of(List.of(Map.of("text", "A", "callback_data", "a")))));
    assertThat(bot.call("getUpdates", "allowed_updates", List.of("message")).result()).isEmpty();
    u.presses("A");
    u.sends("text");
    JsonNode updates = bot.call("getUpdates").result();
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).has("message")).isTrue();
  }

  @Test
  void pressesSendsACallbackQueryForTheNewestMatchingButton() {
    SimulatedUser u = sim.user(42);
    bot.call(
        "sendMessage",
        "chat_id",
        42,
        "text",
        "old",
        "reply_markup",
        Map.of(
            "inline_keyboard",
            List.of(List.of(Map.of("text", "Buy", "callback_data", "buy:old")))));
    bot.call(
        "sendMessage",
        "chat_id",
        42,
        "text",
        "plans",
        "reply_markup",
        Map.of(
            "inline_keyboard",
            List.of(
                List.of(
                    Map.of("text", "Buy", "callback_data", "buy:basic"),
                    Map.of("text", "Site", "url", "https://example.org")))));
    long id = u.presses("Buy");
    JsonNode update = bot.call("getUpdates").result().get(0);
    assertThat(update.get("update_id").asLong()).isEqualTo(id);
    JsonNode q = update.get("callback_query");
    assertThat(q.get("data").asText()).isEqualTo("buy:basic");
    assertThat(q.at("/from/id").asLong()).isEqualTo(42);
    assertThat(q.at("/message/message_id").asLong()).isEqualTo(2);
    assertThat(q.at("/message/text").asText()).isEqualTo("plans");
    assertThat(q.has("chat_instance")).isTrue();

    assertThat(sim.unansweredCallbacks()).hasSize(1);
    assertThat(
            bot.call("answerCallbackQuery", "callback_query_id", q.get("id").asText(), "text", "ok")
                .result()
                .asBoolean())
        .isTrue();
    assertThat(sim.unansweredCallbacks()).isEmpty();
    assertThat(sim.callbackQueries().get(0).answerText()).contains("ok");
    assertThat(bot.call("answerCallbackQuery", "callback_query_id", q.get("id").asText()).status())
        .isEqualTo(400);

    u.pressesData("buy:pro");
    assertThat(
            bot.call("getUpdates", "offset", id + 1)
                .result()
                .get(0)
                .at("/callback_query/data")
                .asText())
        .isEqualTo("buy:pro");

    assertThatThrownBy(() -> u.presses("Sell"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Sell'")
        .hasMessageContaining("'Buy'")
        .hasMessageContaining("'Site'");
    assertThatThrownBy(() -> u.presses("Site")).hasMessageContaining("https://example.org");
  }

  @Test
  void awaitMessageSeesTheBotsReplyAndEditsAndFailsWithTheTranscript() {
    SimulatedUser u = sim.user(42);
    u.sends("/start");
    Thread botThread =
        new Thread(
            () -> {
              JsonNode updates = bot.call("getUpdates", "timeout", 5).result();
              long chat = updates.get(0).at("/message/chat/id").asLong();
              long id =
                  bot.call("sendMessage", "chat_id", chat, "text", "Welcome")
                      .result()
                      .get("message_id")
                      .asLong();
              bot.call(
                  "editMessageText", "chat_id", chat, "message_id", id, "text", "Welcome back");
            });
    botThread.start();
    SentMessage m =
        sim.chat(42).awaitMessage(x -> x.text().equals("Welcome back"), Duration.ofSeconds(5));
    assertThat(m.edited()).isTrue();
    assertThat(sim.chat(42).awaitMessages(1, Duration.ofSeconds(1))).hasSize(1);
    assertThatThrownBy(
            () -> sim.chat(42).awaitMessage(x -> x.text().equals("nope"), Duration.ofMillis(100)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Welcome back")
        .hasMessageContaining("/start");
  }

  @Test
  void groupsGetGroupMessages() {
    SimulatedChat group = sim.group(-100123);
    sim.user(42).sendsIn(group, "hi all");
    JsonNode m = bot.call("getUpdates").result().get(0).get("message");
    assertThat(m.at("/chat/id").asLong()).isEqualTo(-100123);
    assertThat(m.at("/chat/type").asText()).isEqualTo("supergroup");
    assertThat(m.at("/chat/title").asText()).isNotEmpty();
    assertThat(bot.call("sendMessage", "chat_id", -100123, "text", "hello group").status())
        .isEqualTo(200);
    assertThat(group.messages()).hasSize(1);
  }

  @Test
  void blockingTheBotSendsMyChatMemberUpdates() {
    SimulatedUser u = sim.user(42);
    u.blocksBot();
    u.unblocksBot();
    JsonNode updates = bot.call("getUpdates").result();
    assertThat(updates).hasSize(2);
    JsonNode kicked = updates.get(0).get("my_chat_member");
    assertThat(kicked.at("/new_chat_member/status").asText()).isEqualTo("kicked");
    assertThat(kicked.at("/new_chat_member/user/is_bot").asBoolean()).isTrue();
    assertThat(kicked.at("/old_chat_member/status").asText()).isEqualTo("member");
    assertThat(kicked.at("/from/id").asLong()).isEqualTo(42);
    assertThat(updates.get(1).at("/my_chat_member/new_chat_member/status").asText())
        .isEqualTo("member");
  }

  /** Waits until a long poll has registered itself (it counts its generation under the lock). */
  private void awaitPolling() {
    sim.core()
        .await(
            () ->
                sim.core().pollGeneration > 0
                    ? java.util.Optional.of(true)
                    : java.util.Optional.empty(),
            Duration.ofSeconds(5))
        .orElseThrow();
  }
}
