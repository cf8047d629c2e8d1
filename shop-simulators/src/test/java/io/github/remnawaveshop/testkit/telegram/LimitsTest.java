package io.github.remnawaveshop.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static void send(Wire bot, long chat) {
    bot.call("sendMessage", "chat_id", chat, "text", "x");
  }

  @Test
  void perChatLimitAnswers429WithRetryAfterAndKeepsAnsweringItDuringThePenalty() {
    try (BotApiSimulator sim =
        BotApiSimulator.builder()
            .limits(
                SimulatedLimits.builder()
                    .perChat(3, Duration.ofSeconds(10))
                    .retryAfter(Duration.ofMillis(300))
                    .build())
            .build()) {
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
      assertThat(bot.call("sendMessage", "chat_id", 2, "text", "other chat").status())
          .isEqualTo(200);
      assertThat(sim.rateLimitViolations()).isEqualTo(1);
      assertThat(sim.chat(1).messages()).hasSize(3);
      assertThat(sim.maxAcceptedInWindow(1L, Duration.ofSeconds(10))).isEqualTo(3);
      assertThat(sim.maxAcceptedInWindow(null, Duration.ofSeconds(10))).isEqualTo(4);
    }
  }

  @Test
  void theWindowSlidesAndThePenaltyEnds() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    try (BotApiSimulator sim =
        BotApiSimulator.builder()
            .nanoTime(now::get)
            .limits(SimulatedLimits.builder().perChat(2, Duration.ofMillis(300)).build())
            .build()) {
      Wire bot = new Wire(sim);
      sim.user(1);
      send(bot, 1);
      now.addAndGet(Duration.ofMillis(100).toNanos());
      send(bot, 1);
      Wire.Reply limited = bot.call("sendMessage", "chat_id", 1, "text", "x");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.json().at("/parameters/retry_after").asInt()).isEqualTo(1);
      // the penalty lasts until the first send leaves the window: 200 ms from now
      now.addAndGet(Duration.ofMillis(150).toNanos());
      assertThat(bot.call("sendMessage", "chat_id", 1, "text", "x").status()).isEqualTo(429);
      now.addAndGet(Duration.ofMillis(60).toNanos());
      assertThat(bot.call("sendMessage", "chat_id", 1, "text", "x").status()).isEqualTo(200);
      assertThat(bot.call("sendMessage", "chat_id", 1, "text", "x").status()).isEqualTo(429);
      assertThat(sim.maxAcceptedInWindow(1L, Duration.ofMillis(300))).isEqualTo(2);
      assertThat(sim.maxAcceptedInWindow(1L, Duration.ofMillis(400))).isEqualTo(3);
      assertThat(sim.rateLimitViolations()).isEqualTo(3);
    }
  }

  @Test
  void theGlobalLimitSpansChatsAndEditsCountOnlyPerChat() {
    try (BotApiSimulator sim =
        BotApiSimulator.builder()
            .limits(
                SimulatedLimits.builder()
                    .global(5, Duration.ofSeconds(10))
                    .perChat(3, Duration.ofSeconds(10))
                    .build())
            .build()) {
      Wire bot = new Wire(sim);
      for (long u = 1; u <= 6; u++) {
        sim.user(u);
      }
      for (long u = 1; u <= 5; u++) {
        assertThat(bot.call("sendMessage", "chat_id", u, "text", "x").status()).isEqualTo(200);
      }
      assertThat(bot.call("sendMessage", "chat_id", 6, "text", "x").status()).isEqualTo(429);
      // edits don't count globally, but per chat: chat 1 has 1 send, so two edits pass, the third
      // is over
      assertThat(bot.call("editMessageText", "chat_id", 1, "message_id", 1, "text", "e1").status())
          .isEqualTo(200);
      assertThat(bot.call("editMessageText", "chat_id", 1, "message_id", 1, "text", "e2").status())
          .isEqualTo(200);
      assertThat(bot.call("editMessageText", "chat_id", 1, "message_id", 1, "text", "e3").status())
          .isEqualTo(429);
      assertThat(sim.acceptedSends(null)).isEqualTo(5);
      assertThat(sim.acceptedSends(1L)).isEqualTo(3);
    }
  }

  @Test
  void groupsHaveTheirOwnLimitAndTelegramPresetIsSane() {
    try (BotApiSimulator sim =
        BotApiSimulator.builder()
            .limits(
                SimulatedLimits.builder()
                    .perChat(100, Duration.ofSeconds(1))
                    .perGroup(2, Duration.ofSeconds(60))
                    .build())
            .build()) {
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

  @Test
  void telegramLimitsAllowABurstOfThreeToAPrivateChatThenAboutOnePerSecond() {
    AtomicLong now = new AtomicLong(5_000_000_000L);
    try (BotApiSimulator sim =
        BotApiSimulator.builder().nanoTime(now::get).limits(SimulatedLimits.telegram()).build()) {
      Wire bot = new Wire(sim);
      sim.user(1);
      send(bot, 1);
      send(bot, 1);
      send(bot, 1);
      assertThat(bot.call("sendMessage", "chat_id", 1, "text", "x").status()).isEqualTo(429);
      now.addAndGet(Duration.ofSeconds(3).toNanos());
      for (int k = 0; k < 3; k++) {
        assertThat(bot.call("sendMessage", "chat_id", 1, "text", "x").status()).isEqualTo(200);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
      }
      assertThat(sim.rateLimitViolations()).isEqualTo(1);
    }
  }
}
