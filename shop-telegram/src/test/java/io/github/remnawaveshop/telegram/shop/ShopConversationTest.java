package io.github.remnawaveshop.telegram.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.store.PaymentStatus;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.telegram.dispatch.Texts;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.telegram.SentMessage;
import io.github.remnawaveshop.testkit.telegram.SimulatedChat;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user flows of the shop, played by simulated Telegram users against a real database and the
 * panel simulator.
 */
@ExtendWith(ShopServersExtension.class)
class ShopConversationTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Texts TEXTS = Texts.builder().bundle(ShopBot.TEXTS).build();

  static String en(String key, Object... args) {
    return TEXTS.get("en", key, args);
  }

  static String ru(String key, Object... args) {
    return TEXTS.get("ru", key, args);
  }

  private ShopFixture fixture() throws Exception {
    return fixture(FsmStorage.builder().build(), UnaryOperator.identity());
  }

  private ShopFixture fixture(FsmStorage fsm, UnaryOperator<ShopBot.Builder> options)
      throws Exception {
    return new ShopFixture(fsm, RateLimiter.builder().build(), null, options);
  }

  static SentMessage await(SimulatedChat chat, String contains) {
    try {
      return chat.awaitMessage(m -> !m.deleted() && m.plainText().contains(contains), WAIT);
    } catch (IllegalStateException e) {
      StringBuilder dump =
          new StringBuilder("threads when the wait for '" + contains + "' ran out:\n");
      Thread.getAllStackTraces()
          .forEach(
              (t, stack) -> {
                if (t.getName().startsWith("telegram-") || t.getName().startsWith("shop-")) {
                  dump.append(t.getName()).append(' ').append(t.getState()).append('\n');
                  for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    dump.append("    at ").append(stack[i]).append('\n');
                  }
                }
              });
      System.err.println(dump);
      throw e;
    }
  }

  @Test
  void startWithReferralThenTrialThenMySubscriptionWithLinkAndQr() throws Exception {
    try (ShopFixture f = fixture()) {
      f.tg.user(501).name("Anna").language("en").sends("/start");
      await(f.tg.chat(501), "Fast and private VPN");
      String code = f.store.users().findByTelegramId(501).orElseThrow().referralCode();

      f.tg.user(502).name("Boris").language("en").sends("/start ref_" + code);
      SentMessage menu = await(f.tg.chat(502), "Fast and private VPN");
      User boris = f.store.users().findByTelegramId(502).orElseThrow();
      assertThat(boris.referredBy())
          .contains(f.store.users().findByTelegramId(501).orElseThrow().id());
      assertThat(f.tg.chat(502).messages())
          .anySatisfy(m -> assertThat(m.plainText()).contains("invitation"));
      assertThat(menu.buttonTexts())
          .contains(en("menu.trial"), en("menu.buy"), en("menu.subscription"));
      assertThat(menu.buttonTexts()).doesNotContain(en("menu.admin"));

      f.tg.user(502).presses(en("menu.trial"));
      await(f.tg.chat(502), "Your trial is active until");
      f.engine.runOutbox();
      assertThat(f.panelSim.usersCreated()).isEqualTo(1);

      SentMessage sub =
          step(
              f.tg.chat(502), () -> f.tg.user(502).presses(en("menu.subscription")), "Valid until");
      assertThat(sub.plainText()).contains("trial").contains("Your link:").contains("http");
      assertThat(sub.buttonTexts())
          .contains(en("sub.qr"), en("sub.reset_devices"), en("sub.revoke"));

      f.tg.user(502).presses(en("sub.qr"));
      SentMessage qr = f.tg.chat(502).awaitMessage(m -> m.kind().equals("photo"), WAIT);
      byte[] png = qr.photo().orElseThrow().bytes();
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      assertThat(qr.text()).isEqualTo(en("sub.qr.caption"));

      // from the photo back to a text screen: the photo is replaced, never text-edited
      f.tg.user(502).presses(en("menu.back"));
      SentMessage back =
          f.tg
              .chat(502)
              .awaitMessage(
                  m ->
                      m.messageId() > qr.messageId()
                          && !m.deleted()
                          && m.plainText().contains("Fast and private VPN"),
                  WAIT);
      // deleteMessage is not throttled, so it may land just after the new message
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!f.tg.chat(502).messages().stream()
              .filter(m -> m.messageId() == qr.messageId())
              .findFirst()
              .orElseThrow()
              .deleted()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(
              f.tg.chat(502).messages().stream()
                  .filter(m -> m.messageId() == qr.messageId())
                  .findFirst()
                  .orElseThrow()
                  .deleted())
          .as(f.tg.chat(502).transcript())
          .isTrue();
      // a trial is never offered again after one
      assertThat(back.buttonTexts()).doesNotContain(en("menu.trial"));
      assertThat(f.tg.requests("editMessageText"))
          .noneSatisfy(
              r -> assertThat(r.params().path("message_id").asLong()).isEqualTo(qr.messageId()));
    }
  }

  @Test
  void buyWithAPercentPromoWhoseWebhookArrivesTwiceCreditsOnce() throws Exception {
    try (ShopFixture f = fixture()) {
      f.tg.user(601).language("ru").sends("/start");
      await(f.tg.chat(601), "Быстрый и приватный VPN");
      f.tg.user(601).presses(ru("menu.buy"));
      await(f.tg.chat(601), ru("buy.title"));
      f.tg.user(601).presses(ru("buy.plan.button", "Basic", 30, "199 ₽"));
      SentMessage plan = await(f.tg.chat(601), "Цена: 199 ₽");
      assertThat(plan.buttonTexts()).contains(ru("buy.method.button", "testpay", "199 ₽"));
      f.tg.user(601).presses(ru("buy.promo"));
      await(f.tg.chat(601), ru("buy.promo.enter"));
      f.tg.user(601).sends("SALE20");
      SentMessage discounted = await(f.tg.chat(601), "с кодом SALE20");
      assertThat(discounted.plainText()).contains("159.20 ₽");
      f.tg.user(601).presses(ru("buy.method.button", "testpay", "159.20 ₽"));
      SentMessage checkout = await(f.tg.chat(601), "готов");
      String url = checkout.keyboard().get(0).get(0).url().orElseThrow();
      assertThat(url).startsWith("https://pay.test/checkout/");
      String order = url.substring(url.lastIndexOf('/') + 1);
      // a second press of the same button (a double tap, a redelivered callback) opens no second
      // order
      f.tg.user(601).pressesData("pay:basic:testpay:RUB");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!f.tg.unansweredCallbacks().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long buyer = f.store.users().findByTelegramId(601).orElseThrow().id();
      assertThat(
              f.store
                  .payments()
                  .listByUser(buyer, io.github.remnawaveshop.core.store.PageRequest.first(50))
                  .items())
          .hasSize(1);

      WebhookReply first = f.deliverPayment("evt_1", order, 15920, "RUB");
      WebhookReply second = f.deliverPayment("evt_1", order, 15920, "RUB");
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      long userId = f.store.users().findByTelegramId(601).orElseThrow().id();
      assertThat(
              f
                  .store
                  .payments()
                  .listByUser(userId, io.github.remnawaveshop.core.store.PageRequest.first(50))
                  .items()
                  .stream()
                  .filter(p -> p.status() == PaymentStatus.PAID)
                  .count())
          .isEqualTo(1);
      f.engine.runOutbox();
      f.engine.runOutbox();
      assertThat(f.panelSim.usersCreated()).isEqualTo(1);
      assertThat(f.engine.activeSubscription(601)).isPresent();
      SentMessage received = await(f.tg.chat(601), "Оплата получена");
      assertThat(received.plainText()).contains("http");
      Thread.sleep(300);
      assertThat(
              f.tg.chat(601).messages().stream()
                  .filter(m -> m.plainText().contains("Оплата получена"))
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void buyWithTelegramStarsCreditsOnceAndRefusesASecondPaymentOfTheSameInvoice() throws Exception {
    try (ShopFixture f = fixture()) {
      f.tg.user(651).language("en").sends("/start");
      await(f.tg.chat(651), "Fast and private VPN");
      step(f.tg.chat(651), () -> f.tg.user(651).presses(en("menu.buy")), en("buy.title"));
      SentMessage plan =
          step(
              f.tg.chat(651),
              () -> f.tg.user(651).presses(en("buy.plan.button", "Basic", 30, "$4.99")),
              "Price: $4.99");
      assertThat(plan.buttonTexts()).contains(en("buy.method.button", "Telegram Stars", "100 ⭐"));
      SentMessage checkout =
          step(
              f.tg.chat(651),
              () -> f.tg.user(651).presses(en("buy.method.button", "Telegram Stars", "100 ⭐")),
              "is ready");
      String link = checkout.keyboard().get(0).get(0).url().orElseThrow();
      var outcome = f.tg.user(651).pays(f.tg.invoiceLink(link));
      assertThat(outcome.approved()).isTrue();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (f.engine.activeSubscription(651).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(f.engine.activeSubscription(651)).isPresent();
      f.engine.runOutbox();
      await(f.tg.chat(651), "Payment received");
      long user = f.store.users().findByTelegramId(651).orElseThrow().id();
      assertThat(
              f
                  .store
                  .payments()
                  .listByUser(user, io.github.remnawaveshop.core.store.PageRequest.first(10))
                  .items()
                  .stream()
                  .filter(p -> p.status() == PaymentStatus.PAID && p.provider().equals("stars"))
                  .count())
          .isEqualTo(1);
      // paying the same invoice again is refused at pre-checkout: the order is no longer pending
      var again = f.tg.user(651).pays(f.tg.invoiceLink(link));
      assertThat(again.approved()).isFalse();
    }
  }

  @Test
  void promoBonusDaysAndLanguageSwitchChangesEveryLaterText() throws Exception {
    try (ShopFixture f = fixture()) {
      f.tg.user(701).language("en").sends("/start");
      await(f.tg.chat(701), "Fast and private VPN");
      f.tg.user(701).presses(en("menu.promo"));
      await(f.tg.chat(701), en("promo.enter"));
      f.tg.user(701).sends("welcome");
      await(f.tg.chat(701), "Code accepted");
      f.tg.user(701).presses(en("menu.back"));
      await(f.tg.chat(701), "Fast and private VPN");
      f.tg.user(701).presses(en("menu.language"));
      await(f.tg.chat(701), en("language.title"));
      f.tg.user(701).presses("Русский");
      await(f.tg.chat(701), "Быстрый и приватный VPN");
      f.tg.user(701).sends("/help");
      await(f.tg.chat(701), "Нужна помощь? Напишите @vpn_support.");
      f.tg.user(701).presses(ru("menu.subscription"));
      await(f.tg.chat(701), "Ваша подписка");
      assertThat(f.store.users().findByTelegramId(701).orElseThrow().language()).isEqualTo("ru");
    }
  }

  @Test
  void aFloodingUserHearsTheBanOnceAndNonAdminsGetNothingFromAdmin() throws Exception {
    try (ShopFixture f =
        new ShopFixture(
            FsmStorage.builder().build(),
            RateLimiter.builder()
                .limit(5, Duration.ofMinutes(1))
                .banFor(Duration.ofMinutes(5))
                .build(),
            null,
            UnaryOperator.identity())) {
      f.tg.user(801).language("en").sends("/admin");
      f.tg.user(801).sends("/start");
      await(f.tg.chat(801), "Fast and private VPN");
      assertThat(f.tg.chat(801).messages())
          .noneSatisfy(m -> assertThat(m.plainText()).containsIgnoringCase("admin"));
      for (int i = 0; i < 10; i++) {
        f.tg.user(801).sends("/help");
      }
      await(f.tg.chat(801), "Too many requests");
      Thread.sleep(500);
      assertThat(
              f.tg.chat(801).messages().stream()
                  .filter(m -> m.plainText().contains("Too many requests"))
                  .count())
          .isEqualTo(1);
      // the admin is exempt
      for (int i = 0; i < 8; i++) {
        f.tg.user(ShopFixture.ADMIN).sends("/help");
      }
      f.tg.chat(ShopFixture.ADMIN).awaitMessages(8, WAIT);
    }
  }

  @Test
  void aRestartInTheMiddleOfPromoEntryResumesWithRedisFsm(RedisServer redis) throws Exception {
    RedisClient client = RedisClient.create(redis.uri());
    String prefix = redis.newKeyPrefix();
    try (ShopFixture f =
        fixture(
            FsmStorage.builder().redis(client).keyPrefix(prefix).build(),
            UnaryOperator.identity())) {
      f.closeLater(client::shutdown);
      f.tg.user(901).language("en").sends("/start");
      await(f.tg.chat(901), "Fast and private VPN");
      f.tg.user(901).presses(en("menu.promo"));
      await(f.tg.chat(901), en("promo.enter"));
      f.stopBot();
      f.fsm.close();
      f.fsm = FsmStorage.builder().redis(client).keyPrefix(prefix).build();
      f.shop = f.shop.toBuilder().build();
      f.startBot();
      f.tg.user(901).sends("WELCOME");
      await(f.tg.chat(901), "Code accepted");
    }
  }

  @Test
  void maintenanceHidesPurchaseAndTrialButtons() throws Exception {
    try (ShopFixture f = fixture()) {
      f.shop.maintenance().switchOn();
      f.tg.user(1001).language("en").sends("/start");
      SentMessage menu = await(f.tg.chat(1001), "under maintenance");
      assertThat(menu.buttonTexts())
          .doesNotContain(en("menu.buy"), en("menu.trial"), en("menu.promo"))
          .contains(en("menu.subscription"));
      f.tg.user(1001).sends("/buy");
      Thread.sleep(300);
      assertThat(f.tg.chat(1001).messages())
          .noneSatisfy(m -> assertThat(m.plainText()).contains(en("buy.title")));
    }
  }

  /**
   * Does something (a press, a message) and waits for a bot message containing {@code contains}
   * that was not in the chat, with that text, before: a new message or an edit, never a stale one.
   */
  static SentMessage step(SimulatedChat chat, Runnable action, String contains) {
    java.util.Set<String> before =
        chat.messages().stream()
            .map(m -> m.messageId() + "|" + m.plainText())
            .collect(java.util.stream.Collectors.toSet());
    action.run();
    try {
      return chat.awaitMessage(
          m ->
              !m.deleted()
                  && m.plainText().contains(contains)
                  && !before.contains(m.messageId() + "|" + m.plainText()),
          WAIT);
    } catch (IllegalStateException e) {
      await(chat, "\u0000never");
      throw e;
    }
  }

  static String orderIn(String text) {
    Matcher m = Pattern.compile("([A-Za-z0-9_-]{6,})").matcher(text);
    return m.find() ? m.group(1) : "";
  }

  static List<String> texts(SimulatedChat chat) {
    return chat.messages().stream().map(SentMessage::plainText).toList();
  }
}
