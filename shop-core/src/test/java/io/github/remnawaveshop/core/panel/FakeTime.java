package io.github.remnawaveshop.core.panel;

import io.github.remnawaveshop.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that the client's sleeper moves: retries "wait" without waiting, and every wait is
 * recorded.
 */
final class FakeTime extends MutableClock implements Sleeper {
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTime(Instant start) {
    super(start);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }
}
