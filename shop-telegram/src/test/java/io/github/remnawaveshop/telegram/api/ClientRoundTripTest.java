package io.github.remnawaveshop.telegram.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.telegram.SimulatedBot;
import io.github.remnawaveshop.telegram.api.methods.AnswerCallbackQuery;
import io.github.remnawaveshop.telegram.api.methods.AnswerPreCheckoutQuery;
import io.github.remnawaveshop.telegram.api.methods.CopyMessage;
import io.github.remnawaveshop.telegram.api.methods.CreateInvoiceLink;
import io.github.remnawaveshop.telegram.api.methods.DeleteMessage;
import io.github.remnawaveshop.telegram.api.methods.DeleteWebhook;
import io.github.remnawaveshop.telegram.api.methods.EditMessageCaption;
import io.github.remnawaveshop.telegram.api.methods.EditMessageReplyMarkup;
import io.github.remnawaveshop.telegram.api.methods.EditMessageText;
import io.github.remnawaveshop.telegram.api.methods.GetChatMember;
import io.github.remnawaveshop.telegram.api.methods.GetMe;
import io.github.remnawaveshop.telegram.api.methods.GetUpdates;
import io.github.remnawaveshop.telegram.api.methods.GetWebhookInfo;
import io.github.remnawaveshop.telegram.api.methods.RefundStarPayment;
import io.github.remnawaveshop.telegram.api.methods.SendDocument;
import io.github.remnawaveshop.telegram.api.methods.SendInvoice;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.telegram.api.methods.SendPhoto;
import io.github.remnawaveshop.telegram.api.methods.SetMyCommands;
import io.github.remnawaveshop.telegram.api.methods.SetWebhook;
import io.github.remnawaveshop.telegram.api.types.BotCommand;
import io.github.remnawaveshop.telegram.api.types.ChatMember;
import io.github.remnawaveshop.telegram.api.types.ChatType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.MessageId;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import io.github.remnawaveshop.telegram.api.types.Update;
import io.github.remnawaveshop.telegram.api.types.UpdateKind;
import io.github.remnawaveshop.telegram.api.types.User;
import io.github.remnawaveshop.telegram.api.types.WebhookInfo;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import io.github.remnawaveshop.testkit.telegram.PaymentOutcome;
import io.github.remnawaveshop.testkit.telegram.SentMessage;
import io.github.remnawaveshop.testkit.telegram.SimulatedInvoice;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each method the SDK models, over real HTTP against the Bot API simulator, read back into its
 * typed result.
 */
class ClientRoundTripTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private BotApiSimulator sim;
  private TelegramBot bot;

  @RegisterExtension final SimulatedBot tg = SimulatedBot.unthrottled();

  @BeforeEach
  void start() {
    sim = tg.sim();
    bot = tg.bot();
  }

  @Test
  void getMeReadsTheBotUser() {
    User me = bot.execute(new GetMe());
    assertThat(me.isBot()).isTrue();
    assertThat(me.username()).contains("shop_test_bot");
    assertThat(me.id()).isEqualTo(bot.botId());
  }

  @Test
  void sendMessageWithKeyboardAndParseMode() {
    sim.user(42).name("Alice");
    InlineKeyboardMarkup kb =
        InlineKeyboardMarkup.builder()
            .row(
                InlineKeyboardButton.callback("Buy", "buy:basic"),
                InlineKeyboardButton.url("Site", "https://example.com"))
            .build();
    Message m =
        bot.execute(
            SendMessage.to(42, "<b>Hello</b>")
                .parseMode(ParseMode.HTML)
                .keyboard(kb)
                .noLinkPreview());
    assertThat(m.chat().id()).isEqualTo(42);
    assertThat(m.chat().kind()).isEqualTo(ChatType.PRIVATE);
    assertThat(m.text()).contains("Hello");
    assertThat(m.replyMarkup()).isPresent();
    assertThat(m.replyMarkup().get().buttons())
        .extracting(InlineKeyboardButton::text)
        .containsExactly("Buy", "Site");
    SentMessage seen = sim.chat(42).lastMessage().orElseThrow();
    assertThat(seen.buttonTexts()).containsExactly("Buy", "Site");
    assertThat(seen.parseMode()).contains("HTML");
  }

  @Test
  void editsTextCaptionAndKeyboardAndTreatsNotModifiedAsAResult() {
    sim.user(42);
    Message m = bot.execute(SendMessage.to(42, "one"));
    EditResult edited = bot.execute(EditMessageText.of(42, m.messageId(), "two"));
    assertThat(edited.modified()).isTrue();
    assertThat(edited.message().flatMap(Message::text)).contains("two");
    EditResult same = bot.execute(EditMessageText.of(42, m.messageId(), "two"));
    assertThat(same.modified()).isFalse();
    EditResult kb =
        bot.execute(
            new EditMessageReplyMarkup(
                42,
                m.messageId(),
                Optional.of(
                    InlineKeyboardMarkup.column(
                        List.of(InlineKeyboardButton.callback("X", "x"))))));
    assertThat(kb.modified()).isTrue();
    assertThat(sim.chat(42).lastMessage().orElseThrow().buttonTexts()).containsExactly("X");

    Message photo =
        bot.execute(SendPhoto.upload(42, InputFile.png("qr.png", png())).caption("scan me"));
    assertThat(photo.photo()).isNotEmpty();
    assertThat(photo.hasMedia()).isTrue();
    assertThatThrownBy(() -> bot.execute(EditMessageText.of(42, photo.messageId(), "text")))
        .isInstanceOf(TelegramApiException.class)
        .hasMessageContaining("there is no text in the message to edit");
    assertThat(bot.execute(EditMessageCaption.of(42, photo.messageId(), "new caption")).modified())
        .isTrue();
    assertThat(sim.chat(42).lastMessage().orElseThrow().text()).isEqualTo("new caption");
  }

  @Test
  void uploadsPhotoAndDocumentBytes() {
    sim.user(42);
    byte[] png = png();
    bot.execute(SendPhoto.upload(42, InputFile.png("qr.png", png)));
    Message doc =
        bot.execute(
            SendDocument.upload(42, InputFile.binary("backup.tar", new byte[] {1, 2, 3}))
                .caption("backup"));
    assertThat(doc.document()).isPresent();
    List<SentMessage> sent = sim.chat(42).messages();
    assertThat(sent.get(0).photo().orElseThrow().bytes()).isEqualTo(png);
    assertThat(sent.get(1).document().orElseThrow().bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void deleteCopyAndCommands() {
    sim.user(42);
    sim.user(43);
    Message m = bot.execute(SendMessage.to(42, "post"));
    MessageId copy = bot.execute(CopyMessage.of(43, 42, m.messageId()));
    assertThat(copy.messageId()).isPositive();
    assertThat(sim.chat(43).lastMessage().orElseThrow().text()).isEqualTo("post");
    assertThat(bot.execute(new DeleteMessage(42, m.messageId()))).isTrue();
    assertThat(sim.chat(42).messages().get(0).deleted()).isTrue();
    assertThat(
            bot.execute(
                SetMyCommands.of(
                    List.of(new BotCommand("start", "Start"), new BotCommand("help", "Help")))))
        .isTrue();
    assertThat(sim.myCommands().toString()).contains("start").contains("help");
  }

  @Test
  void getUpdatesReadsMessagesAndCallbacksAndAnswersThem() {
    sim.user(42).name("Alice").language("ru");
    sim.user(42).sends("/start ref_abc");
    List<Update> updates = bot.execute(new GetUpdates(0, 100, 1, List.of()));
    assertThat(updates).hasSize(1);
    Update u = updates.get(0);
    assertThat(u.kind()).isEqualTo(UpdateKind.MESSAGE);
    assertThat(u.from().orElseThrow().languageCode()).contains("ru");
    assertThat(u.message().orElseThrow().text()).contains("/start ref_abc");

    bot.execute(
        SendMessage.to(42, "menu")
            .keyboard(
                InlineKeyboardMarkup.column(List.of(InlineKeyboardButton.callback("Buy", "buy")))));
    sim.user(42).presses("Buy");
    List<Update> next = bot.execute(new GetUpdates(u.updateId() + 1, 100, 1, List.of()));
    assertThat(next).hasSize(1);
    Update press = next.get(0);
    assertThat(press.kind()).isEqualTo(UpdateKind.CALLBACK_QUERY);
    assertThat(press.callbackQuery().orElseThrow().data()).contains("buy");
    assertThat(press.chatId()).contains(42L);
    assertThat(
            bot.execute(AnswerCallbackQuery.toast(press.callbackQuery().orElseThrow().id(), "ok")))
        .isTrue();
    assertThat(sim.unansweredCallbacks()).isEmpty();
  }

  @Test
  void webhookSetInfoAndDelete() {
    assertThat(
            bot.execute(
                new SetWebhook(
                    "https://shop.example.com/telegram",
                    Optional.of("s3cret_token"),
                    10,
                    List.of("message", "callback_query"),
                    false)))
        .isTrue();
    WebhookInfo info = bot.execute(new GetWebhookInfo());
    assertThat(info.url()).isEqualTo("https://shop.example.com/telegram");
    assertThat(info.allowedUpdates()).contains("callback_query");
    assertThat(bot.execute(new DeleteWebhook(false))).isTrue();
    assertThat(bot.execute(new GetWebhookInfo()).url()).isEmpty();
  }

  @Test
  void starsInvoicePreCheckoutSuccessfulPaymentAndRefund() throws Exception {
    sim.user(42);
    Message invoice =
        bot.execute(SendInvoice.stars(42, "Basic 30 days", "VPN for 30 days", "order-1", 100));
    assertThat(invoice.invoice().orElseThrow().currency()).isEqualTo("XTR");
    String link = bot.execute(CreateInvoiceLink.stars("Basic", "VPN", "order-2", 50));
    SimulatedInvoice linked = sim.invoiceLink(link);
    assertThat(linked.payload()).isEqualTo("order-2");

    CompletableFuture<PaymentOutcome> paying =
        CompletableFuture.supplyAsync(() -> sim.user(42).pays(linked));
    Update pre = awaitUpdate(UpdateKind.PRE_CHECKOUT_QUERY);
    assertThat(pre.preCheckoutQuery().orElseThrow().totalAmount()).isEqualTo(50);
    assertThat(pre.preCheckoutQuery().orElseThrow().invoicePayload()).isEqualTo("order-2");
    bot.execute(AnswerPreCheckoutQuery.approve(pre.preCheckoutQuery().orElseThrow().id()));
    PaymentOutcome outcome = paying.get();
    Update paid = awaitUpdate(UpdateKind.SUCCESSFUL_PAYMENT);
    var payment = paid.message().orElseThrow().successfulPayment().orElseThrow();
    assertThat(payment.telegramPaymentChargeId()).isEqualTo(outcome.chargeId());
    assertThat(payment.currency()).isEqualTo("XTR");
    assertThat(bot.execute(new RefundStarPayment(42, payment.telegramPaymentChargeId()))).isTrue();
    assertThatThrownBy(
            () -> bot.execute(new RefundStarPayment(42, payment.telegramPaymentChargeId())))
        .isInstanceOf(TelegramApiException.class)
        .hasMessageContaining("CHARGE_ALREADY_REFUNDED");
  }

  @Test
  void getChatMemberTellsWhetherTheUserJoined() {
    sim.channel(-1001234);
    sim.user(42).joins(-1001234);
    ChatMember member = bot.execute(GetChatMember.of(-1001234, 42));
    assertThat(member.isPresent()).isTrue();
    sim.user(42).leaves(-1001234);
    assertThat(bot.execute(GetChatMember.of(-1001234, 42)).isPresent()).isFalse();
  }

  @Test
  void rawCallEscapeHatch() {
    sim.user(42);
    @SuppressWarnings("rawtypes")
    java.util.Map result =
        bot.call(
            "sendMessage", java.util.Map.of("chat_id", 42, "text", "raw"), java.util.Map.class);
    assertThat(result.get("message_id")).isNotNull();
    assertThat(bot.call("getMe", java.util.Map.of(), User.class).isBot()).isTrue();
  }

  private long offset;

  private Update awaitUpdate(UpdateKind kind) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Update u : bot.execute(new GetUpdates(offset, 100, 1, List.of()))) {
        offset = u.updateId() + 1;
        if (u.kind() == kind) {
          return u;
        }
      }
    }
    throw new AssertionError("no " + kind + " update in " + WAIT);
  }

  static byte[] png() {
    return java.util.Base64.getDecoder()
        .decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
  }
}
