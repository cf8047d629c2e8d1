package io.github.remnawaveshop.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.testing.SilentRedis;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Lettuce's connect hangs until its own connect timeout, far longer than the cache's Redis timeout.
 */
class CacheSilentRedisTest {
  private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private final CacheRegion<Long, String> names =
      CacheRegion.builder("names", Long.class, String.class).build();
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
  void concurrentCallersAllAnswerFromTheLoaderWithinTheRedisTimeoutWhileTheFirstConnectHangs()
      throws Exception {
    long start = System.nanoTime();
    CacheLayer cache =
        CacheLayer.builder().region(names).redis(client).redisTimeout(REDIS_TIMEOUT).build();
    try {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound());
      int callers = 4;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Duration>> took = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          long key = i;
          took.add(
              pool.submit(
                  () -> {
                    go.await();
                    long t0 = System.nanoTime();
                    assertThat(cache.getOrLoad(names, key, id -> "name-" + id))
                        .isEqualTo("name-" + key);
                    return Duration.ofNanos(System.nanoTime() - t0);
                  }));
        }
        go.countDown();
        for (Future<Duration> f : took) {
          // a miss reads Redis once and fills once: two waits of at most the timeout each
          assertThat(f.get(30, TimeUnit.SECONDS)).isLessThan(bound().plus(REDIS_TIMEOUT));
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(cache.stats(names).loads()).isEqualTo(callers);
    } finally {
      cache.close();
    }
  }

  /**
   * The Redis timeout and some scheduling slack, class loading on a cold JVM; well below the 10 s
   * connect timeout.
   */
  private static Duration bound() {
    return REDIS_TIMEOUT.plusMillis(1500);
  }
}
