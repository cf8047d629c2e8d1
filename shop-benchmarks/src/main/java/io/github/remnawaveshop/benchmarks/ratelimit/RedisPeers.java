package io.github.remnawaveshop.benchmarks.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.remnawaveshop.core.ratelimit.Decision;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.ratelimit.TimeSource;
import io.github.remnawaveshop.testkit.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The contestants of the Redis benchmarks, set up alike: our limiter (one EVALSHA, or none for a
 * key it already knows is refused until later), the same without remembered refusals, Bucket4j's
 * Lettuce CAS proxy manager, and raw round trips ({@code EVALSHA} of {@code return 1}, {@code
 * PING}). Same keys and limit (20 per minute, real time, no ban) for both limiters; ours decides by
 * Redis's {@code TIME} (its default, read inside the script, so that call is in its time). Redis
 * comes from {@code SHOP_TEST_REDIS_URL} (or an embedded one); keys live under a fresh prefix,
 * deleted by {@link #close()}.
 */
final class RedisPeers implements AutoCloseable {
  private static final int LIMIT = 20;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final String prefix =
      "bench:ratelimit:" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final String[] keyNames;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> raw;
  private final StatefulRedisConnection<String, byte[]> bucket4jConnection;
  private final RateLimiter ours;
  private final RateLimiter oursRoundTrip;
  private final ProxyManager<String> bucket4j;
  private final Supplier<BucketConfiguration> bucketConfig;
  private final String trivialSha;
  private int next;

  RedisPeers(int keys) {
    keyNames = new String[keys];
    for (int i = 0; i < keys; i++) {
      keyNames[i] = Long.toString(100_000_000L + i * 7919L);
    }
    client = RedisClient.create(TestServers.redis().uri());
    raw = client.connect();
    ours =
        RateLimiter.builder()
            .limit(LIMIT, WINDOW)
            .banFor(Duration.ZERO)
            .redis(client)
            .timeSource(TimeSource.REDIS_SERVER)
            .keyPrefix(prefix + "ours:")
            .build();
    // the same limiter without remembered refusals: every decision is one EVALSHA, so the refused
    // path's round trip itself is measured against the raw one
    oursRoundTrip =
        RateLimiter.builder()
            .limit(LIMIT, WINDOW)
            .banFor(Duration.ZERO)
            .redis(client)
            .timeSource(TimeSource.REDIS_SERVER)
            .rememberRefusals(false)
            .keyPrefix(prefix + "rt:")
            .build();
    bucket4jConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    bucket4j =
        Bucket4jLettuce.casBasedBuilder(bucket4jConnection)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(WINDOW))
            .build();
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(LIMIT).refillGreedy(LIMIT, WINDOW))
            .build();
    bucketConfig = () -> configuration;
    trivialSha = raw.sync().scriptLoad("return 1");
  }

  private String nextKey() {
    return keyNames[next++ & (keyNames.length - 1)];
  }

  Decision ours() {
    return ours.tryAcquire(nextKey());
  }

  Decision oursRoundTrip() {
    return oursRoundTrip.tryAcquire(nextKey());
  }

  ConsumptionProbe bucket4j() {
    return bucket4j
        .getProxy(prefix + "b4j:" + nextKey(), bucketConfig)
        .tryConsumeAndReturnRemaining(1);
  }

  Long evalshaReturn1() {
    return raw.sync().evalsha(trivialSha, ScriptOutputType.INTEGER);
  }

  String ping() {
    return raw.sync().ping();
  }

  @Override
  public void close() {
    RedisCommands<String, String> redis = raw.sync();
    List<String> batch = new ArrayList<>();
    ScanIterator<String> it =
        ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(1000));
    while (it.hasNext()) {
      batch.add(it.next());
      if (batch.size() == 1000) {
        redis.unlink(batch.toArray(new String[0]));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      redis.unlink(batch.toArray(new String[0]));
    }
    ours.close();
    oursRoundTrip.close();
    bucket4jConnection.close();
    raw.close();
    client.shutdown();
  }
}
