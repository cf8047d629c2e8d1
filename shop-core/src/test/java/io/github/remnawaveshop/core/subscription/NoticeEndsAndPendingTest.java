package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A notice tells the end that belonged to its event, and a credited payment whose first
 * provisioning attempt fails is announced once as {@link Notice.Kind#PAYMENT_RECEIVED_PENDING}.
 */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeEndsAndPendingTest {
  private EngineFixture f;
  private SubscriptionEngine engine;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 5);
    f.plan("notice-month", 30, 1000, "USD");
    engine = f.engine(b -> b.trial(TrialSettings.builder().days(3).build()));
  }

  @AfterAll
  void tearDown() throws Exception {
    f.close();
  }

  private long user() {
    long tg = EngineFixture.newTelegramId();
    engine.registerUser(tg, Optional.empty(), "en", Optional.empty());
    return tg;
  }

  private void pay(long tg) {
    Order order = engine.purchase(PurchaseRequest.of(tg, "notice-month", "USD")).order();
    byte[] body =
        HmacTestGateway.body("evt_n_" + tg, "PAID", order.reference(), "pi_n_" + tg, 1000, "USD");
    assertThat(f.deliver(engine, body).status()).isEqualTo(200);
  }

  private List<Notice> noticesOf(long tg) {
    return f.notices.notices.stream().filter(n -> n.telegramId() == tg).toList();
  }

  @Test
  void theTrialNoticeSentAfterAPurchaseSaysTheTrialsEnd() {
    long tg = user();
    Instant trialEnd = engine.startTrial(tg).endsAt();
    pay(tg); // before the outbox delivered the trial's notice
    Instant paidEnd = engine.activeSubscription(tg).orElseThrow().endsAt();
    assertThat(paidEnd).isAfter(trialEnd);
    f.runAllOutbox(engine);
    assertThat(noticesOf(tg))
        .filteredOn(n -> n.kind() == Notice.Kind.TRIAL_STARTED)
        .singleElement()
        .extracting(Notice::endsAt)
        .isEqualTo(trialEnd);
    assertThat(noticesOf(tg))
        .filteredOn(n -> n.kind() == Notice.Kind.PAYMENT_CREDITED)
        .singleElement()
        .extracting(Notice::endsAt)
        .isEqualTo(paidEnd);
  }

  @Test
  void aPaymentThePanelCannotProvisionAtOnceIsAnnouncedOnceThenCredited() {
    f.runAllOutbox(engine);
    long tg = user();
    pay(tg);
    Instant paidEnd = engine.activeSubscription(tg).orElseThrow().endsAt();
    f.simulator.failNext(1_000, 503);
    try {
      engine.runOutbox();
      f.clock.advance(Duration.ofHours(1));
      engine.runOutbox(); // a second failed attempt stays quiet
    } finally {
      f.simulator.clearFaults();
    }
    assertThat(noticesOf(tg))
        .extracting(Notice::kind)
        .containsExactly(Notice.Kind.PAYMENT_RECEIVED_PENDING);
    assertThat(noticesOf(tg).get(0).endsAt()).isEqualTo(paidEnd);

    f.clock.advance(Duration.ofHours(1));
    f.runAllOutbox(engine);
    assertThat(noticesOf(tg))
        .extracting(Notice::kind)
        .containsExactly(Notice.Kind.PAYMENT_RECEIVED_PENDING, Notice.Kind.PAYMENT_CREDITED);
    assertThat(f.simulator.user("tg_" + tg)).isPresent();
  }
}
