package io.github.remnawaveshop.benchmarks.fsm;

import io.github.remnawaveshop.core.fsm.FsmSnapshot;
import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.fsm.StorageKey;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a conversation's state and data from Redis through {@link FsmStorage#read} (one EVALSHA
 * doing GET + HGETALL, then JSON decoding of each field) side by side with the physical floor: one
 * raw Lettuce {@code HGETALL} of the same data hash (no state, no decoding), and beside the same
 * script sent raw ({@link #rawScript}). Runs against the Redis in {@code SHOP_TEST_REDIS_URL} (or
 * an embedded one) under a fresh key prefix, deleted afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FsmReadBenchmark {
  /** The script {@link FsmStorage#read} runs: the state and the data hash in one snapshot. */
  static final String READ_SCRIPT =
      "return {redis.call('GET', KEYS[1]), redis.call('HGETALL', KEYS[2])}";

  private RedisClient client;
  private StatefulRedisConnection<String, String> raw;
  private RedisCommands<String, String> rawSync;
  private FsmStorage fsm;
  private StorageKey key;
  private String prefix;
  private String dataKey;
  private String stateKey;
  private String scriptSha;
  private String[] bothKeys;

  /** Writes one conversation: a state and five data fields of the kinds a shop keeps. */
  @Setup
  public void setUp() {
    RedisServer server = TestServers.redis();
    client = RedisClient.create(server.uri());
    prefix = server.newKeyPrefix() + "fsm";
    // generous timeout: this measures reads, not outages, and the shared machine can stall Redis
    fsm =
        FsmStorage.builder()
            .redis(client)
            .keyPrefix(prefix)
            .redisTimeout(Duration.ofSeconds(30))
            .build();
    key = StorageKey.of(123456789L, 987654321L, 987654321L);
    fsm.setState(key, "Checkout:choosePaymentMethod");
    fsm.setData(
        key,
        Map.of(
            "planId",
            3,
            "months",
            6,
            "priceMinor",
            149_900L,
            "promo",
            "SPRING25",
            "countries",
            List.of("NL", "DE", "FI")));
    String base = prefix + ":{123456789:987654321:987654321:default}";
    stateKey = base + ":state";
    dataKey = base + ":data";
    raw = client.connect();
    rawSync = raw.sync();
    if (rawSync.hlen(dataKey) != 5) {
      throw new IllegalStateException("the documented key layout changed: " + dataKey);
    }
    scriptSha = rawSync.scriptLoad(READ_SCRIPT);
    bothKeys = new String[] {stateKey, dataKey};
  }

  /** Removes the benchmark's keys. */
  @TearDown
  public void tearDown() {
    rawSync.del(stateKey, dataKey);
    fsm.close();
    raw.close();
    client.shutdown();
  }

  /** Ours: state + decoded data in one round trip. */
  @Benchmark
  public FsmSnapshot fsmRead() {
    return fsm.read(key);
  }

  /** The peer: one raw HGETALL of the same hash, values left as JSON text. */
  @Benchmark
  public Map<String, String> rawHgetall() {
    return rawSync.hgetall(dataKey);
  }

  /**
   * A second peer: the same script as ours, sent raw through Lettuce ({@code EVALSHA} of GET +
   * HGETALL, the reply left as Lettuce decodes it, no typed fields): what the key layout costs in
   * Redis and on the wire, apart from this SDK's own client work.
   */
  @Benchmark
  public List<Object> rawScript() {
    return rawSync.evalsha(scriptSha, ScriptOutputType.MULTI, bothKeys);
  }
}
