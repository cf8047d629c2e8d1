package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryFsmStorageTest extends FsmStorageContract {
  private final TestClock clock = new TestClock();

  @Override
  FsmStorage.Builder backend(FsmStorage.Builder builder) {
    return builder.clock(clock);
  }

  @Test
  void stateAndDataExpireOnTheirOwnTtls() {
    FsmStorage s =
        open(FsmStorage.builder().stateTtl(Duration.ofMinutes(10)).dataTtl(Duration.ofMinutes(30)));
    s.setState(key, "waiting");
    s.updateData(key, "x", 1);
    clock.advance(Duration.ofMinutes(11));
    assertThat(s.getState(key)).isEmpty();
    assertThat(s.getData(key)).containsEntry("x", 1);
    s.updateData(key, "y", 2); // a write restarts the data TTL
    clock.advance(Duration.ofMinutes(29));
    assertThat(s.getData(key)).containsKeys("x", "y");
    clock.advance(Duration.ofMinutes(2));
    assertThat(s.getData(key)).isEmpty();
  }

  @Test
  void builderNamesTheBadSetting() {
    assertThatThrownBy(() -> FsmStorage.builder().stateTtl(Duration.ZERO).build())
        .hasMessage("stateTtl must be positive; was PT0S");
    assertThatThrownBy(() -> FsmStorage.builder().keyPrefix("a b").build())
        .hasMessageContaining("keyPrefix")
        .hasMessageContaining("'a b'");
    assertThatThrownBy(
            () -> FsmStorage.builder().onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY).build())
        .hasMessageContaining("onRedisOutage")
        .hasMessageContaining("redis(");
  }
}
