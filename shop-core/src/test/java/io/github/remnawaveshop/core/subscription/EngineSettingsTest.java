package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Builder and settings validation: clear messages naming the setting and the bad value. */
class EngineSettingsTest {

  @Test
  void builderRefusesMissingCollaborators() {
    assertThatThrownBy(() -> SubscriptionEngine.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
    org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create("jdbc:postgresql://127.0.0.1:1/none");
    assertThatThrownBy(() -> SubscriptionEngine.builder().jdbi(jdbi).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("panel");
    SubscriptionEngine engine =
        SubscriptionEngine.builder()
            .jdbi(jdbi)
            .panel(
                RemnawavePanel.builder()
                    .baseUrl("http://127.0.0.1:9")
                    .apiToken(Secret.of("t"))
                    .build())
            .build();
    assertThat(engine.webhooks()).isNotNull();
    assertThat(
            engine
                .router()
                .offer(
                    io.github.remnawaveshop.core.payment.RoutingRequest.of(
                        io.github.remnawaveshop.core.payment.Money.of(100, "USD"), "en")))
        .isEmpty();
  }

  @Test
  void settingsNameTheBadValue() {
    assertThatThrownBy(() -> SubscriptionEngine.builder().reminderDays(3, -1))
        .hasMessageContaining("reminderDays")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> SubscriptionEngine.builder().reminderDays(1, 1))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> SubscriptionEngine.builder().panelUsernamePrefix("bad prefix"))
        .hasMessageContaining("panelUsernamePrefix");
    assertThatThrownBy(() -> TrialSettings.builder().days(0).build())
        .hasMessageContaining("trial days")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> ReferralSettings.builder().referrerDays(-1).build())
        .hasMessageContaining("referrerDays");
    assertThatThrownBy(
            () -> new OutboxSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), 3, 10))
        .hasMessageContaining("maxBackoff");
  }

  @Test
  void outboxBackoffDoublesUpToTheCap() {
    OutboxSettings s = new OutboxSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), 10, 10);
    assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.backoff(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(s.backoff(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.backoff(1000)).isEqualTo(Duration.ofMinutes(1));
  }
}
