package io.github.remnawaveshop.core.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.testkit.RedisKeyPrefix;
import io.github.remnawaveshop.testkit.RedisServer;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis part of a backup is pipelined per SCAN page and per {@link RedisSnapshot#RESTORE_BATCH}
 * RESTOREs (one round trip per key made 10,000 FSM keys take ~15 s each way on a loaded machine): a
 * keyspace spanning several SCAN pages and more than one restore batch, with a partial last batch,
 * comes back identical, with its TTLs.
 */
@ExtendWith(ShopServersExtension.class)
class BackupServiceRedisBatchTest {
  private static final int KEYS = RedisSnapshot.RESTORE_BATCH + 345;

  @Test
  void keysSpanningSeveralPagesAndBatchesRoundTripWithTtls(
      RedisServer server, RedisKeyPrefix prefix, @TempDir Path dir) {
    RedisClient client = RedisClient.create(server.uri());
    try (StatefulRedisConnection<String, String> conn = client.connect()) {
      RedisCommands<String, String> r = conn.sync();
      RedisAsyncCommands<String, String> a = conn.async();
      List<RedisFuture<?>> writes = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        String key = prefix + "fsm:" + i;
        writes.add(
            i % 3 == 0
                ? a.hset(key, Map.of("state", "Buy:plan", "step", String.valueOf(i)))
                : a.set(key, "state-" + i));
        if (i % 2 == 0) {
          writes.add(a.pexpire(key, 3_600_000L + i));
        }
      }
      assertThat(
              LettuceFutures.awaitAll(
                  Duration.ofSeconds(30), writes.toArray(new RedisFuture<?>[0])))
          .isTrue();
      Map<String, String> before = snapshot(conn, prefix);
      Map<String, Long> ttlsBefore = ttls(conn, prefix);
      BackupService backups =
          BackupService.builder().directory(dir).redis(client, List.of(prefix.value())).build();

      BackupManifest manifest = backups.backup();
      assertThat(manifest.totalKeys()).isEqualTo(KEYS);
      r.del(r.keys(prefix + "*").toArray(new String[0]));
      RestoreResult restored = backups.restore(manifest.id(), RestoreTarget.redis(client));

      assertThat(restored.keys()).isEqualTo(KEYS);
      assertThat(snapshot(conn, prefix)).isEqualTo(before);
      Map<String, Long> ttlsAfter = ttls(conn, prefix);
      ttlsBefore.forEach(
          (k, ttl) -> {
            if (ttl < 0) {
              assertThat(ttlsAfter.get(k)).as(k).isEqualTo(ttl);
            } else {
              assertThat(ttlsAfter.get(k)).as(k).isBetween(ttl - 60_000, ttl);
            }
          });
    } finally {
      client.shutdown();
    }
  }

  /**
   * Every key's content as text (a hash as a sorted map), read with plain commands (not DUMP),
   * pipelined to keep the test quick.
   */
  private static Map<String, String> snapshot(
      StatefulRedisConnection<String, String> conn, RedisKeyPrefix prefix) {
    RedisAsyncCommands<String, String> a = conn.async();
    Map<String, RedisFuture<?>> reads = new TreeMap<>();
    for (String key : conn.sync().keys(prefix + "*")) {
      reads.put(key, isHash(key) ? a.hgetall(key) : a.get(key));
    }
    Map<String, String> out = new TreeMap<>();
    reads.forEach(
        (k, f) ->
            out.put(
                k, String.valueOf(join(f) instanceof Map<?, ?> m ? new TreeMap<>(m) : join(f))));
    return out;
  }

  private static Map<String, Long> ttls(
      StatefulRedisConnection<String, String> conn, RedisKeyPrefix prefix) {
    Map<String, RedisFuture<Long>> reads = new TreeMap<>();
    for (String key : conn.sync().keys(prefix + "*")) {
      reads.put(key, conn.async().pttl(key));
    }
    Map<String, Long> out = new TreeMap<>();
    reads.forEach((k, f) -> out.put(k, (Long) join(f)));
    return out;
  }

  /**
   * Keys numbered by multiples of 3 were written as hashes (GET / HGETALL of the wrong type fails).
   */
  private static boolean isHash(String key) {
    return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1)) % 3 == 0;
  }

  private static Object join(RedisFuture<?> f) {
    return f.toCompletableFuture().join();
  }
}
