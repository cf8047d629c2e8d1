package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16 item 8: the scheduled jobs' locks no longer share a numeric key space with per-user
 * locks. The old keys were {@code 0x53484F50_0000000N} for the jobs and {@code 0x53484F50_00000000
 * ^ userId} for provisioning a user, so provisioning users 1, 2 and 3 held the reminder, renewal
 * and reconcile locks.
 */
@ExtendWith(ShopServersExtension.class)
class AdvisoryLockKeysTest {
  private static final long OLD_USER_LOCK_SPACE = 0x53484F50_00000000L;

  @Test
  void aLockHeldForUsersOneToThreeNoLongerMakesTheScheduledPassesSkip(TestDatabase db)
      throws Exception {
    try (EngineFixture f = new EngineFixture(db, 4)) {
      f.plan("month", 30, 29900, "RUB");
      SubscriptionEngine engine = f.engine();
      long tg = EngineFixture.newTelegramId();
      engine.registerUser(tg, Optional.empty(), "ru", Optional.empty());
      Order order = engine.purchase(PurchaseRequest.of(tg, "month", "RUB")).order();
      f.deliver(
          engine,
          HmacTestGateway.body(
              "evt_lock_" + tg, "PAID", order.reference(), "pi_lock_" + tg, 29900, "RUB"));
      f.runAllOutbox(engine);
      f.clock.advance(Duration.ofDays(26).plusHours(1)); // the 3-day reminder is due

      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        // what a worker provisioning users 1, 2 and 3 held under the old scheme
        for (long userId = 1; userId <= 3; userId++) {
          s.execute("SELECT pg_advisory_lock(" + (OLD_USER_LOCK_SPACE ^ userId) + ")");
        }
        assertThat(engine.planReminders())
            .as("reminders planned while users 1-3 are locked")
            .isEqualTo(1);
        assertThat(engine.reconcile().skipped())
            .as("reconcile skipped while user 3 is locked")
            .isFalse();
        s.execute("SELECT pg_advisory_unlock_all()");
      }
    }
  }
}
