package io.github.remnawaveshop.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.testing.SilentRedis;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis address that accepts TCP connections but never answers (a listening socket nobody reads):
 * Lettuce's connect hangs until its own connect timeout, far longer than the storage's command
 * timeout.
 */
class FsmSilentRedisTest {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private SilentRedis silent;
  private RedisClient client;

  @BeforeEach
  void listen() {
    silent = new SilentRedis(CONNECT_TIMEOUT);
    client = silent.client();
  }

  @AfterEach
  void close() throws IOException {
    silent.close();
  }

  @Test
  void concurrentCallersAllFallBackWithinTheCommandTimeoutWhileTheFirstConnectHangs()
      throws Exception {
    long start = System.nanoTime();
    FsmStorage fsm =
        FsmStorage.builder()
            .redis(client)
            .redisTimeout(COMMAND_TIMEOUT)
            .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)
            .build();
    try {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound());
      int callers = 4;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Duration>> took = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          StorageKey key = StorageKey.of(1, 2, 10 + i);
          took.add(
              pool.submit(
                  () -> {
                    go.await();
                    long t0 = System.nanoTime();
                    assertThat(fsm.getState(key)).isEqualTo(Optional.empty());
                    return Duration.ofNanos(System.nanoTime() - t0);
                  }));
        }
        go.countDown();
        for (Future<Duration> f : took) {
          assertThat(f.get(30, TimeUnit.SECONDS)).isLessThan(bound());
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(fsm.stats().fallbackOperations()).isEqualTo(callers);
    } finally {
      fsm.close();
    }
  }

  /**
   * The command timeout and some scheduling slack, class loading on a cold JVM; well below the 10 s
   * connect timeout.
   */
  private static Duration bound() {
    return COMMAND_TIMEOUT.plusMillis(1500);
  }
}
