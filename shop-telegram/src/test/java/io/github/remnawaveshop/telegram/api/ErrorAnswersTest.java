package io.github.remnawaveshop.telegram.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.SimulatedBot;
import io.github.remnawaveshop.telegram.api.methods.GetMe;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Error answers become the specific exception, the retries Telegram asks for happen, and the token
 * never shows.
 */
class ErrorAnswersTest {
  private BotApiSimulator sim;
  private TelegramBot bot;

  @RegisterExtension final SimulatedBot tg = SimulatedBot.unthrottled();

  @BeforeEach
  void start() {
    sim = tg.sim();
    bot = tg.bot();
  }

  @Test
  void blockedUserIsBotBlockedExceptionNamingTheChat() {
    sim.user(42).blocksBot();
    assertThatThrownBy(() -> bot.execute(SendMessage.to(42, "hi")))
        .isInstanceOfSatisfying(
            BotBlockedException.class,
            e -> {
              assertThat(e.chatId()).isEqualTo(42);
              assertThat(e.errorCode()).isEqualTo(403);
              assertThat(e.description()).contains("blocked");
            });
  }

  @Test
  void rateLimitedCallIsRetriedAfterRetryAfterNotDropped() {
    sim.user(42);
    sim.failNext("sendMessage", 429, "Too Many Requests: retry after 1", Duration.ofSeconds(1));
    long start = System.nanoTime();
    Message m = bot.execute(SendMessage.to(42, "after the pause"));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(m.text()).contains("after the pause");
    assertThat(bot.rateLimitedCount()).isEqualTo(1);
    assertThat(sim.requests("sendMessage")).hasSize(2);
  }

  @Test
  void rateLimitBeyondTheRetryBudgetFailsWithRateLimitedException() {
    sim.user(42);
    TelegramBot impatient =
        bot.toBuilder()
            .throttle(Throttle.unlimited().toBuilder().maxRetryWait(Duration.ZERO).build())
            .build();
    try {
      sim.failNext("sendMessage", 429, "Too Many Requests: retry after 7", Duration.ofSeconds(7));
      assertThatThrownBy(() -> impatient.execute(SendMessage.to(42, "x")))
          .isInstanceOfSatisfying(
              RateLimitedException.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    } finally {
      impatient.close();
    }
  }

  @Test
  void migratedGroupIsRetriedOnceAtTheNewId() {
    sim.group(-100);
    sim.group(-1009999);
    sim.migrateChat(-100, -1009999);
    Message m = bot.execute(SendMessage.to(-100, "to the group"));
    assertThat(m.chat().id()).isEqualTo(-1009999);
    assertThat(sim.chat(-1009999).lastMessage().orElseThrow().text()).isEqualTo("to the group");
  }

  @Test
  void htmlInsteadOfJsonIsTelegramUnavailable() {
    sim.answerHtmlNext("getMe");
    assertThatThrownBy(() -> bot.execute(new GetMe()))
        .isInstanceOfSatisfying(
            TelegramUnavailableException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(502);
              assertThat(e.getMessage()).contains("not Bot API JSON");
            });
    assertThat(bot.execute(new GetMe()).isBot()).isTrue();
  }

  @Test
  void unreachableServerIsTelegramUnavailableWithoutTheToken() {
    TelegramBot nowhere = bot.toBuilder().baseUrl("http://127.0.0.1:1/").build();
    try {
      assertThatThrownBy(() -> nowhere.execute(new GetMe()))
          .isInstanceOf(TelegramUnavailableException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain(sim.token())
                      .doesNotContain(tokenSecretPart()));
    } finally {
      nowhere.close();
    }
  }

  @Test
  void tokenAppearsInNoExceptionMessageAndNoLogLine() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    StringBuilder messages = new StringBuilder();
    try {
      sim.user(42);
      sim.failNext("sendMessage", 400, "Bad Request: token " + sim.token() + " echoed");
      try {
        bot.execute(SendMessage.to(42, "x"));
      } catch (TelegramApiException e) {
        messages.append(e.getMessage()).append('\n').append(e.description());
      }
      sim.failNext("sendMessage", 429, "Too Many Requests: retry after 1", Duration.ofSeconds(1));
      bot.execute(SendMessage.to(42, "y"));
      messages.append(bot.toString());
    } finally {
      System.setErr(original);
    }
    String everything = messages + "\n" + captured.toString(StandardCharsets.UTF_8);
    assertThat(everything).contains("<token>").contains("pausing");
    assertThat(everything).doesNotContain(sim.token()).doesNotContain(tokenSecretPart());
  }

  @Test
  void contentLimitsAreCheckedWhenTheValueIsMade() {
    assertThatThrownBy(() -> SendMessage.to(1, "x".repeat(4097)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4096")
        .hasMessageContaining("4097");
    assertThatThrownBy(() -> InlineKeyboardButton.callback("b", "d".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes");
    assertThatThrownBy(() -> TelegramBot.builder().token(Secret.of("not-a-token")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BotFather");
  }

  private String tokenSecretPart() {
    return sim.token().substring(sim.token().indexOf(':') + 1);
  }
}
