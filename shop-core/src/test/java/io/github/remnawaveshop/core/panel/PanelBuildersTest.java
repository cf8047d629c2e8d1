package io.github.remnawaveshop.core.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Secret;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Builders refuse bad settings with messages that name the setting and the value. */
class PanelBuildersTest {
  private static final Instant T = Instant.parse("2027-01-01T00:00:00Z");

  @Test
  void panelBuilderValidates() {
    assertThatThrownBy(() -> RemnawavePanel.builder().apiToken(Secret.of("t")).build())
        .hasMessageContaining("baseUrl is required");
    assertThatThrownBy(
            () -> RemnawavePanel.builder().baseUrl("ftp://x").apiToken(Secret.of("t")).build())
        .hasMessageContaining("baseUrl")
        .hasMessageContaining("ftp://x");
    assertThatThrownBy(
            () ->
                RemnawavePanel.builder()
                    .baseUrl("https://p.example/api")
                    .apiToken(Secret.of("t"))
                    .build())
        .hasMessageContaining("without /api");
    assertThatThrownBy(() -> RemnawavePanel.builder().baseUrl("https://p.example").build())
        .hasMessageContaining("apiToken is required");
    assertThatThrownBy(
            () ->
                RemnawavePanel.builder()
                    .baseUrl("https://p.example")
                    .apiToken(Secret.of("se cret"))
                    .build())
        .hasMessageContaining("apiToken")
        .hasMessageNotContaining("se cret");
    assertThatThrownBy(
            () ->
                RemnawavePanel.builder()
                    .baseUrl("https://p.example")
                    .apiToken(Secret.of("t"))
                    .connectTimeout(Duration.ZERO)
                    .build())
        .hasMessageContaining("connectTimeout must be positive but was PT0S");
    assertThatThrownBy(
            () ->
                RemnawavePanel.builder()
                    .baseUrl("https://p.example")
                    .apiToken(Secret.of("t"))
                    .streamPageSize(1001)
                    .build())
        .hasMessageContaining("streamPageSize")
        .hasMessageContaining("1001");
    assertThatThrownBy(() -> RemnawavePanel.builder().header("authorization", "x"))
        .hasMessageContaining("apiToken");
    assertThatThrownBy(() -> RemnawavePanel.builder().cookie("a;b", "x"))
        .hasMessageContaining("a;b");
  }

  @Test
  void retryPolicyValidatesAndComputesCappedBackoff() {
    assertThatThrownBy(() -> PanelRetryPolicy.builder().maxAttempts(0).build())
        .hasMessageContaining("maxAttempts must be >= 1 but was 0");
    assertThatThrownBy(() -> PanelRetryPolicy.builder().jitter(1.5).build())
        .hasMessageContaining("jitter")
        .hasMessageContaining("1.5");
    assertThatThrownBy(
            () ->
                PanelRetryPolicy.builder()
                    .initialBackoff(Duration.ofSeconds(2))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("maxBackoff");
    PanelRetryPolicy p =
        PanelRetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(350))
            .build();
    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(350));
    assertThat(p.backoff(80)).isEqualTo(Duration.ofMillis(350));
    assertThat(p.toBuilder().build()).isEqualTo(p);
  }

  @Test
  void createRequestAppliesThePanelRules() {
    assertThatThrownBy(() -> CreateUserRequest.builder("ab", T).build())
        .hasMessageContaining("username")
        .hasMessageContaining("'ab'");
    assertThatThrownBy(() -> CreateUserRequest.builder("a".repeat(37), T).build())
        .hasMessageContaining("username");
    assertThatThrownBy(() -> CreateUserRequest.builder("tg 1", T).build())
        .hasMessageContaining("'tg 1'");
    assertThatThrownBy(() -> CreateUserRequest.builder("tg_1", T).tag("shop").build())
        .hasMessageContaining("tag")
        .hasMessageContaining("'shop'");
    assertThatThrownBy(() -> CreateUserRequest.builder("tg_1", T).trafficLimitBytes(-1).build())
        .hasMessageContaining("trafficLimitBytes");
    assertThatThrownBy(
            () -> CreateUserRequest.builder("tg_1", T).status(UserStatus.UNKNOWN).build())
        .hasMessageContaining("status");
    CreateUserRequest r = CreateUserRequest.builder("Tg-1_x", T).telegramId(5).tag("VIP_1").build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  @Test
  void updateRequestAllowsOnlyActiveOrDisabled() {
    assertThatThrownBy(() -> UpdateUserRequest.byId("1").status(UserStatus.EXPIRED).build())
        .hasMessageContaining("ACTIVE or DISABLED")
        .hasMessageContaining("EXPIRED");
    assertThatThrownBy(() -> UpdateUserRequest.byId(" ").build()).hasMessageContaining("id");
    assertThat(UpdateUserRequest.byId("1").status(UserStatus.DISABLED).build().status())
        .hasValue(UserStatus.DISABLED);
  }

  @Test
  void unknownEnumValuesFallBack() {
    assertThat(UserStatus.fromWire("ON_HOLD")).isEqualTo(UserStatus.UNKNOWN);
    assertThat(UserStatus.fromWire("active")).isEqualTo(UserStatus.ACTIVE);
    assertThat(UserStatus.fromWire(null)).isEqualTo(UserStatus.UNKNOWN);
    assertThat(TrafficLimitStrategy.fromWire("MONTH_ROLLING"))
        .isEqualTo(TrafficLimitStrategy.MONTH_ROLLING);
    assertThat(TrafficLimitStrategy.fromWire("YEAR")).isEqualTo(TrafficLimitStrategy.UNKNOWN);
  }
}
