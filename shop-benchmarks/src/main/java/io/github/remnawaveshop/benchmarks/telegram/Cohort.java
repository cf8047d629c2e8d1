package io.github.remnawaveshop.benchmarks.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** One cohort of simulated users run to the end, with what they observed. */
final class Cohort {
  final List<StepTiming> timings = Collections.synchronizedList(new ArrayList<>());
  final List<Instant[]> notices = Collections.synchronizedList(new ArrayList<>());
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  private Cohort() {}

  /**
   * Runs {@code users} users with ids from {@code firstUser}, starting spread over {@code
   * meanThink}.
   */
  static Cohort run(LoadShop shop, long firstUser, int users, Duration meanThink, long seed)
      throws InterruptedException {
    Cohort c = new Cohort();
    SplittableRandom random = new SplittableRandom(seed);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      LoadUser user =
          new LoadUser(
              shop.tg,
              shop.clock,
              firstUser + i,
              random.nextLong(meanThink.toMillis()),
              LoadUser.thinkTimes(meanThink, ShopLoadBenchmark.THINK_FLOOR, random.nextLong()),
              c.timings,
              c.notices,
              c.failures);
      threads.add(new Thread(user, "load-user-" + (firstUser + i)));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    return c;
  }
}
