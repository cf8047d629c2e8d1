package io.github.remnawaveshop.telegram.shop;

import static io.github.remnawaveshop.telegram.shop.ShopConversationTest.await;
import static io.github.remnawaveshop.telegram.shop.ShopConversationTest.en;
import static io.github.remnawaveshop.telegram.shop.ShopConversationTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.store.DeliveryState;
import io.github.remnawaveshop.core.store.NewPayment;
import io.github.remnawaveshop.core.store.NewUser;
import io.github.remnawaveshop.core.store.PromoCode;
import io.github.remnawaveshop.core.subscription.Notifier;
import io.github.remnawaveshop.telegram.api.Throttle;
import io.github.remnawaveshop.testkit.telegram.SentMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin panel, driven by a simulated admin against a real database. */
class AdminConversationTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final long ADMIN = ShopFixture.ADMIN;

  private static ShopFixture fixture(Throttle throttle) throws Exception {
    return new ShopFixture(
        FsmStorage.builder().build(),
        RateLimiter.builder().build(),
        Notifier.logging(),
        UnaryOperator.identity(),
        throttle);
  }

  private static void openAdmin(ShopFixture f) {
    f.tg.user(ADMIN).name("Admin").language("en").sends("/admin");
    await(f.tg.chat(ADMIN), "Admin panel");
  }

  @Test
  void statisticsShowTheSameFiguresAsDirectSql() throws Exception {
    try (ShopFixture f = fixture(Throttle.unlimited())) {
      for (long id = 2000; id < 2012; id++) {
        f.engine.registerUser(id, Optional.empty(), "en", Optional.empty());
      }
      f.engine.startTrial(2000);
      f.engine.startTrial(2001);
      long user = f.store.users().findByTelegramId(2002).orElseThrow().id();
      f.store
          .payments()
          .recordPaid(
              NewPayment.builder()
                  .userId(user)
                  .provider("testpay")
                  .externalId("x1")
                  .idempotencyKey("k1")
                  .amount(Money.of(19900, "RUB"))
                  .build(),
              Instant.now());
      openAdmin(f);
      SentMessage stats =
          step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).presses(en("admin.stats")), "Statistics");
      long users;
      long active;
      long revenue;
      try (Connection c = f.db.dataSource().getConnection();
          Statement st = c.createStatement()) {
        users = one(st, "SELECT count(*) FROM shop_users");
        active =
            one(
                st,
                "SELECT count(DISTINCT user_id) FROM shop_subscriptions WHERE status = 'ACTIVE' AND ends_at > now()");
        revenue =
            one(
                st,
                "SELECT COALESCE(sum(amount_minor), 0) FROM shop_payments WHERE status = 'PAID'"
                    + " AND currency = 'RUB' AND paid_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'");
      }
      String text = stats.plainText();
      assertThat(number(text, "Users: (\\d+)")).isEqualTo(users).isEqualTo(12);
      assertThat(number(text, "with access now: (\\d+)")).isEqualTo(active).isEqualTo(2);
      assertThat(number(text, "Today: new users (\\d+)")).isEqualTo(12);
      assertThat(text).contains("Today: new users 12, trials 2, revenue " + (revenue / 100) + " ₽");
    }
  }

  @Test
  void broadcastToFiveHundredUsersOfWhomTwentyBlockedTheBot() throws Exception {
    try (ShopFixture f = fixture(Throttle.unlimited())) {
      seedAudience(f, 500, 20);
      openAdmin(f);
      composeAndSend(f, "Big <b>news</b>!");
      SentMessage done = await(f.tg.chat(ADMIN), "finished");
      assertThat(done.plainText()).contains("sent 480, blocked 20, failed 0");
      assertThat(f.store.broadcasts().counts(1))
          .containsEntry(DeliveryState.SENT, 480L)
          .containsEntry(DeliveryState.BLOCKED, 20L)
          .containsEntry(DeliveryState.FAILED, 0L);
      for (long id = 3000; id < 3500; id++) {
        long received =
            f.tg.chat(id).messages().stream()
                .filter(m -> m.plainText().equals("Big news!"))
                .count();
        assertThat(received).as("user %d", id).isEqualTo(blocked(id) ? 0 : 1);
        assertThat(f.store.users().findByTelegramId(id).orElseThrow().blockedBotAt().isPresent())
            .isEqualTo(blocked(id));
      }
      // blocked users are left out of the next broadcast's audience
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("/admin"), "Admin panel");
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.broadcast")),
          en("admin.bc.ask").substring(0, 20));
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("second"), "Add a button?");
      SentMessage audience =
          step(
              f.tg.chat(ADMIN),
              () -> f.tg.user(ADMIN).presses(en("admin.bc.skip")),
              en("admin.bc.audience"));
      assertThat(audience.buttonTexts()).contains(en("admin.bc.audience.ALL", 480));
    }
  }

  @Test
  void aRestartInTheMiddleOfABroadcastResumesItWithoutSendingAnyoneTwice() throws Exception {
    // 200 messages per second: the 500 take about 2.5 s, long enough to stop in the middle
    try (ShopFixture f =
        fixture(
            Throttle.builder()
                .global(20, Duration.ofMillis(100))
                .perChat(5, Duration.ofSeconds(1))
                .build())) {
      seedAudience(f, 500, 20);
      openAdmin(f);
      composeAndSend(f, "Resumable");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (f.store.broadcasts().counts(1).get(DeliveryState.SENT) < 100
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      f.stopBot(); // the runner finishes its current batch, records it and stops
      long sentBefore = f.store.broadcasts().counts(1).get(DeliveryState.SENT);
      assertThat(sentBefore).isLessThan(480);
      f.shop = f.shop.toBuilder().build();
      f.startBot(); // resumes the RUNNING broadcast
      await(f.tg.chat(ADMIN), "finished");
      for (long id = 3000; id < 3500; id++) {
        long received =
            f.tg.chat(id).messages().stream()
                .filter(m -> m.plainText().equals("Resumable"))
                .count();
        assertThat(received).as("user %d", id).isEqualTo(blocked(id) ? 0 : 1);
      }
      assertThat(f.store.broadcasts().counts(1))
          .containsEntry(DeliveryState.SENT, 480L)
          .containsEntry(DeliveryState.BLOCKED, 20L);
    }
  }

  @Test
  void promoCodesAreCreatedListedSwitchedOffAndGenerated() throws Exception {
    try (ShopFixture f = fixture(Throttle.unlimited())) {
      openAdmin(f);
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).presses(en("admin.promos")), "Promo codes");
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.promos.new")),
          "optionally followed by");
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).sends("summer percent 15 max 50 until 2027-06-30"),
          "Created SUMMER");
      PromoCode summer = f.store.promoCodes().findByCode("SUMMER").orElseThrow();
      assertThat(summer.value()).isEqualTo(15);
      assertThat(summer.maxActivations()).contains(50);
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).presses(en("menu.back")), "Admin panel");
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).presses(en("admin.promos")), "SUMMER -15%");
      f.tg.user(ADMIN).presses(en("admin.promos.off", "SUMMER"));
      awaitTrue(() -> !f.store.promoCodes().findByCode("SUMMER").orElseThrow().active());
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.promos.gen")),
          "each code usable once");
      SentMessage generated =
          step(
              f.tg.chat(ADMIN),
              () -> f.tg.user(ADMIN).sends("25 gift days 30"),
              "Generated 25 codes");
      Matcher m = Pattern.compile("GIFT-[A-Z0-9]{8}").matcher(generated.plainText());
      int found = 0;
      while (m.find()) {
        assertThat(f.store.promoCodes().findByCode(m.group()).orElseThrow().maxActivations())
            .contains(1);
        found++;
      }
      assertThat(found).isEqualTo(25);
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("/admin"), "Admin panel");
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).presses(en("admin.promos")), "GIFT-");
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.promos.new")),
          "optionally followed by");
      step(
          f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("BAD percent 150"), "Could not read that");
    }
  }

  @Test
  void userLookupExtendsAndBansAndABannedUserCannotTakeATrial() throws Exception {
    try (ShopFixture f = fixture(Throttle.unlimited())) {
      f.tg.user(4000).username("carol").language("en").sends("/start");
      await(f.tg.chat(4000), "Fast and private VPN");
      openAdmin(f);
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.users")),
          en("admin.users.ask"));
      SentMessage profile =
          step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("@carol"), "User 4000 @carol");
      assertThat(profile.plainText()).contains("Subscription: none");
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.users.extend", 30)),
          "Subscription: ACTIVE until");
      assertThat(f.engine.activeSubscription(4000)).isPresent();
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).presses(en("admin.users.ban")), "Banned: ✅");
      assertThat(f.store.users().findByTelegramId(4000).orElseThrow().banned()).isTrue();
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("/admin"), "Admin panel");
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.users")),
          en("admin.users.ask"));
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("nobody_here"), "No user nobody_here");
    }
  }

  @Test
  void maintenanceSwitchedByAnAdminIsToldToAdminsAndHidesPurchases() throws Exception {
    try (ShopFixture f = fixture(Throttle.unlimited())) {
      openAdmin(f);
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.maintenance.off")),
          "Maintenance started (switched on by an admin)");
      assertThat(f.shop.maintenance().active()).isTrue();
      f.tg.user(4100).language("en").sends("/start");
      SentMessage menu = await(f.tg.chat(4100), "under maintenance");
      assertThat(menu.buttonTexts()).doesNotContain(en("menu.buy"));
      step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends("/admin"), "Admin panel");
      step(
          f.tg.chat(ADMIN),
          () -> f.tg.user(ADMIN).presses(en("admin.maintenance.on")),
          "Maintenance ended");
      assertThat(f.shop.maintenance().active()).isFalse();
    }
  }

  static boolean blocked(long id) {
    return id % 25 == 0;
  }

  private static void seedAudience(ShopFixture f, int users, int blockedCount) {
    int blocked = 0;
    for (long id = 3000; id < 3000 + users; id++) {
      f.store.users().register(NewUser.of(id, "en", "r" + id));
      f.tg.user(id);
      if (blocked(id)) {
        f.tg.user(id).blocksBot();
        blocked++;
      }
    }
    assertThat(blocked).isEqualTo(blockedCount);
  }

  private static void composeAndSend(ShopFixture f, String html) {
    step(
        f.tg.chat(ADMIN),
        () -> f.tg.user(ADMIN).presses(en("admin.broadcast")),
        "Send the broadcast text");
    step(f.tg.chat(ADMIN), () -> f.tg.user(ADMIN).sends(html), "Add a button?");
    step(
        f.tg.chat(ADMIN),
        () -> f.tg.user(ADMIN).presses(en("admin.bc.skip")),
        en("admin.bc.audience"));
    step(
        f.tg.chat(ADMIN),
        () -> f.tg.user(ADMIN).presses(en("admin.bc.audience.ALL", 500)),
        "Send it to 500 users?");
    f.tg.user(ADMIN).presses(en("admin.bc.confirm"));
  }

  private static long one(Statement st, String sql) throws java.sql.SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("no '" + regex + "' in: " + text);
    }
    return Long.parseLong(m.group(1));
  }

  private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met");
      }
      Thread.sleep(20);
    }
  }
}
