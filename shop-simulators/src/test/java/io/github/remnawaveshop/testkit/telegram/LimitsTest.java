package io.github.remnawaveshop.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static void send(Wire bot, long chat) {
    bot.call("sendMessage", "chat_id", chat, "text", "x");
  }

  @Test
  void perChatLimitAnswers429WithRetryAfterAndKeepsAnsweringItDuringThePenalty() {
    try (BotApiSimulator sim = BotApiSimulator.builder().limits(SimulatedLimits.builder()
        .perChat(3, Duration.ofSeconds(10)).retryAfter(Duration.ofMillis(300)).build()).build()) {
      Wire bot = new Wire(sim);
      sim.user(1);
      sim.user(2);
      for (int k = 0; k < 3; k++) {
        assertThat(bot.call("sendMessage", "chat_id", 1, "text", "x").status()).isEqualTo(200);
      }
      Wire.Reply limited = bot.call("sendMessage", "chat_id", 1, "text", "x");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.description()).isEqualTo("Too Many Requests: retry after 1");
      assertThat(limited.json().at("/parameters/retry_after").asInt()).isEqualTo(1);
      assertThat(bot.call("sendMessage", "chat_id", 2, "text", "other chat").status()).isEqualTo(200);
      assertThat(sim.rateLimitViolations()).isEqualTo(1);
      assertThat(sim.chat(1).messages()).hasSize(3);
      assertThat(sim.maxAcceptedInWindow(1L, Duration.ofSeconds(10))).isEqualTo(3);
      assertThat(sim.maxAcceptedInWindow(null, Duration.ofSeconds(10))).isEqualTo(4);
    }
  }

  @Test
  void theWindowSlidesAndThePenaltyEnds() {
    try (BotApiSimulator sim = BotApiSimulator.builder().limits(SimulatedLimits.builder()
        .perChat(2, Duration.ofMillis(300)).build()).build()) {
      Wire bot = new Wire(sim);
      sim.user(1);
      send(bot, 1);
      send(bot, 1);
      assertThat(bot.call("sendMessage", "chat_id", 1, "text", "x").status()).isEqualTo(429);
      // retries until the window frees; bounded by the await's timeout, not a fixed sleep
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int status;
      do {
        status = bot.call("sendMessage", "chat_id", 1, "text", "x").status();
      } while (status == 429 && System.nanoTime() < deadline);
      assertThat(status).isEqualTo(200);
      assertThat(sim.maxAcceptedInWindow(1L, Duration.ofMillis(300))).isLessThanOrEqualTo(2);
      assertThat(sim.rateLimitViolations()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void theGlobalLimitSpansChatsAndEditsCountOnlyPerChat() {
    try (BotApiSimulator sim = BotApiSimulator.builder().limits(SimulatedLimits.builder()
        .global(5, Duration.ofSeconds(10)).perChat(3, Duration.ofSeconds(10)).build()).build()) {
      Wire bot = new Wire(sim);
      for (long u = 1; u <= 6; u++) {
        sim.user(u);
      }
      for (long u = 1; u <= 5; u++) {
        assertThat(bot.call("sendMessage", "chat_id", u, "text", "x").status()).isEqualTo(200);
      }
      assertThat(bot.call("sendMessage", "chat_id", 6, "text", "x").status()).isEqualTo(429);
      // edits don't count globally, but per chat: chat 1 has 1 send, so two edits pass, the third is over
      assertThat(bot.call("editMessageText", "chat_id", 1, "message_id", 1, "text", "e1").status()).isEqualTo(200);
      assertThat(bot.call("editMessageText", "chat_id", 1, "message_id", 1, "text", "e2").status()).isEqualTo(200);
      assertThat(bot.call("editMessageText", "chat_id", 1, "message_id", 1, "text", "e3").status()).isEqualTo(429);
      assertThat(sim.acceptedSends(null)).isEqualTo(5);
      assertThat(sim.acceptedSends(1L)).isEqualTo(3);
    }
  }

  @Test
  void groupsHaveTheirOwnLimitAndTelegramPresetIsSane() {
    try (BotApiSimulator sim = BotApiSimulator.builder().limits(SimulatedLimits.builder()
        .perChat(100, Duration.ofSeconds(1)).perGroup(2, Duration.ofSeconds(60)).build()).build()) {
      Wire bot = new Wire(sim);
      sim.group(-500);
      send(bot, -500);
      send(bot, -500);
      assertThat(bot.call("sendMessage", "chat_id", -500, "text", "x").status()).isEqualTo(429);
    }
    assertThat(SimulatedLimits.telegram().enabled()).isTrue();
    assertThat(SimulatedLimits.off().enabled()).isFalse();
  }

  @Test
  void sendsAreRecordedEvenWithLimitsOff() {
    try (BotApiSimulator sim = BotApiSimulator.builder().build()) {
      Wire bot = new Wire(sim);
      sim.user(1);
      for (int k = 0; k < 10; k++) {
        send(bot, 1);
      }
      assertThat(sim.maxAcceptedInWindow(1L, Duration.ofMinutes(1))).isEqualTo(10);
      assertThat(sim.maxAcceptedInWindow(1L, Duration.ofNanos(1))).isEqualTo(1);
      assertThat(sim.rateLimitViolations()).isZero();
    }
  }
}
