package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A notice tells the end that belonged to its event. */
@ExtendWith(ShopServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeEndsTest {
  private EngineFixture f;
  private SubscriptionEngine engine;

  @BeforeAll
  void setUp(TestDatabase db) throws Exception {
    f = new EngineFixture(db, 5);
    f.plan("notice-month", 30, 1000, "USD");
    engine = f.engine(b -> b.trial(TrialSettings.defaults().withDays(3)));
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
    byte[] body = HmacTestGateway.body("evt_n_" + tg, "PAID", order.reference(), "pi_n_" + tg, 1000, "USD");
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
    assertThat(noticesOf(tg)).filteredOn(n -> n.kind() == Notice.Kind.TRIAL_STARTED)
        .singleElement().extracting(Notice::endsAt).isEqualTo(trialEnd);
    assertThat(noticesOf(tg)).filteredOn(n -> n.kind() == Notice.Kind.PAYMENT_CREDITED)
        .singleElement().extracting(Notice::endsAt).isEqualTo(paidEnd);
  }
}
