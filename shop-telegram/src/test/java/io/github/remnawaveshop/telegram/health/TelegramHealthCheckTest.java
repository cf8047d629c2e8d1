package io.github.remnawaveshop.telegram.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.ops.HealthCheck;
import io.github.remnawaveshop.core.ops.HealthMonitor;
import io.github.remnawaveshop.core.ops.HealthReport;
import io.github.remnawaveshop.core.ops.HealthStatus;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.testkit.telegram.BotApiSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The getMe probe against the Bot API simulator, up and down, through HealthMonitor. */
class TelegramHealthCheckTest {

  private static HealthReport check(HealthCheck check) {
    try (HealthMonitor monitor =
        HealthMonitor.builder()
            .check(check)
            .timeout(Duration.ofSeconds(5))
            .cacheFor(Duration.ZERO)
            .build()) {
      return monitor.check();
    }
  }

  @Test
  void upWhenGetMeAnswers() throws Exception {
    try (BotApiSimulator sim = BotApiSimulator.builder().botUsername("stars_shop_bot").build();
        TelegramBot bot =
            TelegramBot.builder().token(Secret.of(sim.token())).baseUrl(sim.baseUrl()).build()) {
      HealthCheck check = TelegramHealthCheck.of(bot);
      assertThat(check.name()).isEqualTo("telegram");
      assertThat(check.probe()).isEqualTo("@stars_shop_bot");
      HealthReport report = check(check);
      assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(report.components())
          .singleElement()
          .satisfies(c -> assertThat(c.detail()).contains("@stars_shop_bot"));
    }
  }

  @Test
  void downWhenTheTokenIsRevoked() {
    try (BotApiSimulator sim = BotApiSimulator.builder().build();
        TelegramBot bot =
            TelegramBot.builder().token(Secret.of(sim.token())).baseUrl(sim.baseUrl()).build()) {
      sim.failNext("getMe", 401, "Unauthorized");
      HealthReport report = check(TelegramHealthCheck.of(bot));
      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.components().get(0).detail()).contains("401").doesNotContain(sim.token());
    }
  }

  @Test
  void downWhenTelegramCannotBeReached() {
    String token;
    String url;
    try (BotApiSimulator sim = BotApiSimulator.builder().build()) {
      token = sim.token();
      url = sim.baseUrl();
    }
    try (TelegramBot bot = TelegramBot.builder().token(Secret.of(token)).baseUrl(url).build()) {
      HealthCheck check = TelegramHealthCheck.of("telegram-main", bot);
      assertThatThrownBy(check::probe).hasMessageNotContaining(token);
      HealthReport report = check(check);
      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.components().get(0).name()).isEqualTo("telegram-main");
    }
  }
}
