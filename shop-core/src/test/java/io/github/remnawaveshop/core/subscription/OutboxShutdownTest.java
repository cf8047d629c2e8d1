package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.WebhookReply;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM to a child JVM whose outbox workers are mid-call to a slow panel: the workers are
 * cancelled at the deadline, the process exits cleanly, no payment or job is lost, and a later
 * start provisions every user exactly once.
 */
@ExtendWith(ShopServersExtension.class)
class OutboxShutdownTest {

  @Test
  void jobsInFlightAtSigtermAreRetriedOnTheNextStartAndNothingIsLost(TestDatabase db)
      throws Exception {
    try (EngineFixture f = new EngineFixture(db, 4)) {
      f.plan("month", 30, 29900, "RUB");
      SubscriptionEngine engine = f.engine();
      int buyers = 6;
      List<Long> telegramIds = new ArrayList<>();
      for (int i = 0; i < buyers; i++) {
        long tg = EngineFixture.newTelegramId();
        telegramIds.add(tg);
        engine.registerUser(tg, Optional.empty(), "ru", Optional.empty());
        Order order = engine.purchase(PurchaseRequest.of(tg, "month", "RUB")).order();
        WebhookReply reply =
            f.deliver(
                engine,
                HmacTestGateway.body(
                    "evt_sig_" + tg, "PAID", order.reference(), "pi_sig_" + tg, 29900, "RUB"));
        assertThat(reply.status()).isEqualTo(200);
      }
      assertThat(f.count("SELECT count(*) FROM shop_outbox WHERE status = 'PENDING'"))
          .isEqualTo(buyers);

      List<String> lines = runChildAndTerminate(db.jdbcUrl());
      // both workers were inside a panel call (the simulator saw their requests) when the signal
      // came
      assertThat(lines).anyMatch(l -> l.matches("READY [2-9][0-9]*")).contains("CANCELLED 2");

      // nothing lost: every payment still paid, every job still waiting, none marked done by the
      // dead workers
      assertThat(f.count("SELECT count(*) FROM shop_payments WHERE status = 'PAID'"))
          .isEqualTo(buyers);
      assertThat(f.count("SELECT count(*) FROM shop_outbox WHERE status = 'PENDING'"))
          .isEqualTo(buyers);
      assertThat(f.simulator.usersCreated()).isZero();

      // the next start (this JVM, a healthy panel) provisions everyone exactly once
      f.clock.advance(
          Duration.ofHours(1)); // past any backoff the interrupted workers may have recorded
      f.runAllOutbox(engine);
      assertThat(f.simulator.usersCreated()).isEqualTo(buyers);
      assertThat(f.count("SELECT count(*) FROM shop_outbox WHERE status = 'DONE'"))
          .isEqualTo(buyers);
      f.clock.advance(Duration.ofHours(1));
      assertThat(f.runAllOutbox(engine)).isZero();
      assertThat(f.simulator.usersCreated()).isEqualTo(buyers);
      engine.close();
    }
  }

  private static List<String> runChildAndTerminate(String jdbcUrl) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                OutboxWorkerShutdownMain.class.getName(),
                jdbcUrl)
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("READY")) {
          child.toHandle().destroy(); // SIGTERM
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited; output %s", lines).isTrue();
    assertThat(child.exitValue()).as("exit code; output %s", lines).isZero();
    return lines;
  }
}
