package io.github.remnawaveshop.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CacheRegionTest {
  @Test
  void standardRegionsCarryTheSeedTtls() {
    assertThat(StandardRegion.USER_PROFILES.ttl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(StandardRegion.PLANS.ttl()).isEqualTo(Duration.ofSeconds(600));
    assertThat(StandardRegion.PANEL_USERS.ttl()).isEqualTo(Duration.ofSeconds(120));
    assertThat(StandardRegion.SUBSCRIPTIONS.ttl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(StandardRegion.STATISTICS.ttl()).isEqualTo(Duration.ofSeconds(180));
    CacheRegion<UUID, String> panelUsers =
        StandardRegion.PANEL_USERS.region(UUID.class, String.class);
    assertThat(panelUsers.name()).isEqualTo("panel-users");
    assertThat(panelUsers.maximumSize()).isEqualTo(10_000);
    UUID id = UUID.randomUUID();
    assertThat(panelUsers.readKey(panelUsers.writeKey(id))).isEqualTo(id);
  }

  @Test
  void genericValueTypesAndCustomKeysWork() {
    CacheRegion<LocalDate, List<Long>> daily =
        CacheRegion.builder("daily", LocalDate.class, new TypeReference<List<Long>>() {})
            .keyCodec(LocalDate::toString, LocalDate::parse)
            .ttl(Duration.ofMinutes(1))
            .build();
    assertThat(daily.valueType().toCanonical()).isEqualTo("java.util.List<java.lang.Long>");
    assertThat(daily.readKey("2026-11-25")).isEqualTo(LocalDate.of(2026, 11, 25));
    assertThat(daily.toBuilder().maximumSize(5).build().ttl()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> CacheRegion.builder("a b", Long.class, String.class).build())
        .hasMessageContaining("region name")
        .hasMessageContaining("'a b'");
    assertThatThrownBy(
            () -> CacheRegion.builder("x", Long.class, String.class).ttl(Duration.ZERO).build())
        .hasMessage("ttl of region 'x' must be positive; was PT0S");
    assertThatThrownBy(
            () -> CacheRegion.builder("x", Long.class, String.class).maximumSize(0).build())
        .hasMessage("maximumSize of region 'x' must be positive; was 0");
    assertThatThrownBy(() -> CacheRegion.builder("x", LocalDate.class, String.class).build())
        .hasMessageContaining("keyCodec")
        .hasMessageContaining("java.time.LocalDate");
  }
}
