package io.github.remnawaveshop.telegram.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.telegram.api.TelegramApiException;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.SentMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices as messages on the Bot API simulator: texts in ru and en, the link button, 403 reported.
 */
class TelegramNotifierTest {
  private static final long RU = 501;
  private static final long EN = 502;
  private static final Instant ENDS = Instant.parse("2027-01-31T10:00:00Z");
  private static final String LINK = "https://sub.example/s/AbC<1>";

  private BotApiSimulator sim;
  private TelegramBot bot;
  private final List<Long> blocked = new CopyOnWriteArrayList<>();
  private TelegramNotifier notifier;

  @BeforeEach
  void start() {
    sim = BotApiSimulator.builder().build();
    sim.user(RU).name("Ivan").language("ru");
    sim.user(EN).name("Alice").language("en");
    bot = TelegramBot.builder().token(Secret.of(sim.token())).baseUrl(sim.baseUrl()).build();
    notifier =
        TelegramNotifier.builder()
            .bot(bot)
            .languages(id -> id == RU ? Optional.of("ru-RU") : Optional.empty())
            .onBlocked(blocked::add)
            .build();
  }

  @AfterEach
  void stop() {
    bot.close();
    sim.close();
  }

  private static Notice notice(Notice.Kind kind, long to, int days, Optional<String> url) {
    return new Notice(kind, to, ENDS, days, url);
  }

  private SentMessage last(long chat) {
    return sim.chat(chat).lastMessage().orElseThrow();
  }

  @Test
  void paymentCreditedInRussianWithTheLinkAndAButton() {
    notifier.notify(notice(Notice.Kind.PAYMENT_CREDITED, RU, 0, Optional.of(LINK)));

    SentMessage m = last(RU);
    assertThat(m.text())
        .contains("Оплата получена, спасибо! Подписка активна до <b>31.01.2027</b>.")
        .contains("Ссылка подписки")
        .contains("<code>https://sub.example/s/AbC&lt;1&gt;</code>");
    assertThat(m.params().path("text").asText()).contains("AbC&lt;1&gt;");
    assertThat(m.parseMode()).contains("HTML");
    assertThat(m.buttonTexts()).containsExactly("Открыть подписку");
    assertThat(sim.requests("sendMessage").get(0).params().path("reply_markup").toString())
        .contains(LINK);
  }

  @Test
  void paymentCreditedInEnglishByDefault() {
    notifier.notify(notice(Notice.Kind.PAYMENT_CREDITED, EN, 0, Optional.of(LINK)));
    assertThat(last(EN).text())
        .contains(
            "Payment received, thank you! Your subscription is active until <b>31.01.2027</b>.")
        .contains("Your subscription link");
    assertThat(last(EN).buttonTexts()).containsExactly("Open subscription");
  }

  @Test
  void everyKindHasATextInBothLanguages() {
    for (Notice.Kind kind : Notice.Kind.values()) {
      for (String lang : List.of("ru", "en")) {
        String text = notifier.text(notice(kind, EN, 3, Optional.empty()), lang);
        assertThat(text)
            .as("%s in %s", kind, lang)
            .doesNotContain("[notice.")
            .contains("31.01.2027");
      }
    }
  }

  @Test
  void remindersCountTheDaysLeft() {
    assertThat(notifier.text(notice(Notice.Kind.EXPIRY_REMINDER, EN, 0, Optional.empty()), "en"))
        .contains("<b>today</b>");
    assertThat(notifier.text(notice(Notice.Kind.EXPIRY_REMINDER, EN, 1, Optional.empty()), "en"))
        .contains("<b>tomorrow</b>");
    assertThat(notifier.text(notice(Notice.Kind.EXPIRY_REMINDER, EN, 3, Optional.empty()), "en"))
        .contains("<b>in 3 days</b>");
    assertThat(notifier.text(notice(Notice.Kind.EXPIRY_REMINDER, RU, 3, Optional.empty()), "ru"))
        .contains("<b>через 3 дн.</b>");
    assertThat(notifier.text(notice(Notice.Kind.EXPIRY_REMINDER, RU, 0, Optional.empty()), "ru"))
        .contains("<b>сегодня</b>");
  }

  @Test
  void noticesTravelInTheBulkLaneAndOtherKindsArrive() {
    notifier.notify(notice(Notice.Kind.REFERRAL_REWARD, EN, 0, Optional.empty()));
    notifier.notify(notice(Notice.Kind.RENEWAL_NEEDED, RU, 0, Optional.empty()));
    notifier.notify(notice(Notice.Kind.TRIAL_STARTED, EN, 0, Optional.empty()));
    assertThat(sim.chat(EN).messages())
        .extracting(SentMessage::text)
        .anySatisfy(t -> assertThat(t).contains("A friend joined with your invitation"))
        .anySatisfy(t -> assertThat(t).contains("Your free trial is on"));
    assertThat(last(RU).text()).contains("Автопродление не прошло");
    assertThat(last(EN).hasKeyboard()).isFalse();
  }

  @Test
  void aUserWhoBlockedTheBotIsReportedAndTheNoticeCountsAsDelivered() {
    sim.user(EN).blocksBot();

    notifier.notify(notice(Notice.Kind.EXPIRY_REMINDER, EN, 1, Optional.empty()));

    assertThat(blocked).containsExactly(EN);
    assertThat(sim.chat(EN).messages()).isEmpty();
  }

  @Test
  void otherFailuresAreThrownSoTheOutboxRetries() {
    sim.failNext("sendMessage", 400, "Bad Request: chat not found");
    assertThatThrownBy(
            () -> notifier.notify(notice(Notice.Kind.EXPIRY_REMINDER, EN, 1, Optional.empty())))
        .isInstanceOf(TelegramApiException.class)
        .hasMessageNotContaining(sim.token());
    assertThat(blocked).isEmpty();
  }

  @Test
  void builderNamesWhatIsMissingOrBad() {
    assertThatThrownBy(() -> TelegramNotifier.builder().build()).hasMessageContaining("bot");
    assertThatThrownBy(() -> TelegramNotifier.builder().datePattern("dd.MM.yyyy {{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("datePattern");
  }
}
