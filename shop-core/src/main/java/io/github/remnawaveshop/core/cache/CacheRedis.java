package io.github.remnawaveshop.core.cache;

import io.github.remnawaveshop.core.internal.RedisConnector;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level 2 and the invalidation channel: one command connection and one pub/sub connection of the
 * cache's own. While a connection is down (Lettuce reconnects it by itself) calls fail at once
 * instead of queueing. Connecting runs in the background ({@link RedisConnector}): a caller waits
 * at most the Redis timeout for it, and a failed connect is retried at most once per second after
 * the failure.
 *
 * <p>Invalidation messages on {@code <prefix>:invalidations}: {@code
 * K\n<instance>\n<region>\n<key>} for one key, {@code A\n<instance>\n<region>} for a whole region.
 *
 * <p>Consistency of level 2: an invalidated entry is replaced by a short-lived tombstone (a random
 * string starting with {@code ~}) and {@code invalidateAll} replaces the region's clear marker
 * ({@code <prefix>:~cleared:<region>}); a fill is the {@link FillScript} compare-and-set against
 * what the load read before it called the loader.
 */
final class CacheRedis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheRedis.class);
  private static final long WARN_EVERY_MILLIS = 30_000;

  /** Receives what other instances invalidated. */
  interface Listener {
    void invalidated(String region, Optional<String> key);

    /** The subscription came back after a gap: messages may have been missed. */
    void resubscribed();
  }

  private final RedisClient client;
  private final RedisConnector<StatefulRedisConnection<String, String>> connector;
  private final String channel;
  private final String instanceId;
  private final long timeoutNanos;
  private final Clock clock;
  private final Listener listener;
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final AtomicLong failures = new AtomicLong();
  private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubSub;
  private volatile boolean everFailed;
  private volatile long lastWarnMillis = Long.MIN_VALUE / 2;

  CacheRedis(
      RedisClient client,
      String keyPrefix,
      String instanceId,
      Duration timeout,
      Clock clock,
      Listener listener) {
    this.client = client;
    this.channel = keyPrefix + ":invalidations";
    this.instanceId = instanceId;
    this.timeoutNanos = timeout.toNanos();
    this.clock = clock;
    this.listener = listener;
    this.connector = new RedisConnector<>("the cache", timeout, clock, this::openConnections);
  }

  /**
   * What a load saw in Redis before calling its loader: the raw entry and clear marker, {@code ""}
   * for none.
   */
  record Seen(String entry, String marker) {}

  Optional<String> get(String key) {
    return Optional.ofNullable(await(commands().get(key)));
  }

  /** The entry and the region's clear marker, in one round trip. */
  Seen observe(String key, String markerKey) {
    List<KeyValue<String, String>> both = await(commands().mget(key, markerKey));
    return new Seen(both.get(0).getValueOrElse(""), both.get(1).getValueOrElse(""));
  }

  /** Writes the value, then tells the others to drop their copy. */
  void set(String key, String json, long ttlMillis, String region, String keyText) {
    RedisAsyncCommands<String, String> c = commands();
    RedisFuture<String> set = c.set(key, json, SetArgs.Builder.px(ttlMillis));
    RedisFuture<Long> published =
        c.publish(channel, "K\n" + instanceId + "\n" + region + "\n" + keyText);
    await(set);
    await(published);
  }

  /**
   * Writes a loaded value if the entry and the marker are still what {@code seen} holds, without
   * telling anyone (the others have no newer copy to drop).
   *
   * @return false when something was written or invalidated meanwhile: the loaded value may be
   *     stale
   */
  boolean fill(String key, String markerKey, Seen seen, String json, long ttlMillis) {
    RedisAsyncCommands<String, String> c = commands();
    String[] keys = {key, markerKey};
    String[] args = {seen.entry(), seen.marker(), json, Long.toString(ttlMillis)};
    Long done;
    try {
      done = await(c.<Long>evalsha(FillScript.SHA, ScriptOutputType.INTEGER, keys, args));
    } catch (NoScript e) {
      done = await(c.<Long>eval(FillScript.SOURCE, ScriptOutputType.INTEGER, keys, args));
    }
    return done != null && done == 1L;
  }

  /** Replaces the entry by a tombstone, then tells the others to drop their copy. */
  void delete(
      String key, String tombstone, long tombstoneTtlMillis, String region, String keyText) {
    RedisAsyncCommands<String, String> c = commands();
    RedisFuture<String> del = c.set(key, tombstone, SetArgs.Builder.px(tombstoneTtlMillis));
    RedisFuture<Long> published =
        c.publish(channel, "K\n" + instanceId + "\n" + region + "\n" + keyText);
    await(del);
    await(published);
  }

  /** Replaces the region's clear marker, deletes its entries, then tells the others. */
  void deleteRegion(
      String keyPrefixOfRegion,
      String markerKey,
      String marker,
      long markerTtlMillis,
      String region) {
    RedisAsyncCommands<String, String> c = commands();
    await(c.set(markerKey, marker, SetArgs.Builder.px(markerTtlMillis)));
    ScanArgs args = ScanArgs.Builder.matches(keyPrefixOfRegion + "*").limit(500);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = await(c.scan(cursor, args));
      if (!page.getKeys().isEmpty()) {
        await(c.unlink(page.getKeys().toArray(new String[0])));
      }
      cursor = page;
    } while (!cursor.isFinished());
    await(c.publish(channel, "A\n" + instanceId + "\n" + region));
  }

  /** Logs a WARN at most every 30 s while Redis keeps failing. */
  void failed(String operation, RedisConnector.Unavailable e) {
    long n = failures.incrementAndGet();
    long now = clock.millis();
    if (now - lastWarnMillis >= WARN_EVERY_MILLIS) {
      lastWarnMillis = now;
      log.warn(
          "cache: Redis unavailable during {} ({}); serving from process memory and loaders, "
              + "cross-instance invalidation is paused ({} Redis failures so far)",
          operation,
          e.getMessage(),
          n);
    }
  }

  /**
   * For tests: whether both connections are made and open now (Lettuce reconnects them one by one).
   */
  boolean connected() {
    StatefulRedisConnection<String, String> c = connector.current();
    StatefulRedisPubSubConnection<String, String> ps = pubSub;
    return c != null && c.isOpen() && ps != null && ps.isOpen();
  }

  private RedisAsyncCommands<String, String> commands() {
    return connector.connection().async();
  }

  /** Connects both connections now if Redis answers; quiet otherwise. */
  void tryConnect() {
    try {
      commands();
    } catch (RedisConnector.Unavailable e) {
      failed("startup", e);
    }
  }

  /** Opens the pub/sub connection (subscribed) and the command connection; run by the connector. */
  private StatefulRedisConnection<String, String> openConnections() {
    StatefulRedisPubSubConnection<String, String> ps = null;
    try {
      ps = client.connectPubSub(StringCodec.UTF8);
      ps.addListener(
          new RedisPubSubAdapter<String, String>() {
            @Override
            public void message(String ch, String message) {
              onMessage(message);
            }

            @Override
            public void subscribed(String ch, long count) {
              if (subscriptions.getAndIncrement() > 0 || everFailed) {
                listener.resubscribed();
              }
            }
          });
      await(ps.async().subscribe(channel));
      StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
      pubSub = ps;
      if (everFailed) {
        log.info("cache: connected to Redis; level 2 and cross-instance invalidation are on");
      }
      return c;
    } catch (RuntimeException e) {
      if (ps != null) {
        ps.closeAsync();
      }
      everFailed = true;
      throw e;
    }
  }

  private void onMessage(String message) {
    String[] parts = message.split("\n", 4);
    if (parts.length < 3 || parts[1].equals(instanceId)) {
      return;
    }
    if ("K".equals(parts[0]) && parts.length == 4) {
      listener.invalidated(parts[2], Optional.of(parts[3]));
    } else if ("A".equals(parts[0])) {
      listener.invalidated(parts[2], Optional.empty());
    }
  }

  /** Redis forgot the script (a restart, {@code SCRIPT FLUSH}): send its source. */
  private static final class NoScript extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoScript(Throwable cause) {
      super(cause);
    }
  }

  private <T> T await(RedisFuture<T> future) {
    try {
      return connector.await(future);
    } catch (io.lettuce.core.RedisNoScriptException e) {
      throw new NoScript(e);
    } catch (io.lettuce.core.RedisCommandExecutionException e) {
      throw new RedisConnector.Unavailable("Redis call failed: " + e, e);
    }
  }

  @Override
  public void close() {
    connector.close();
    StatefulRedisPubSubConnection<String, String> ps = pubSub;
    if (ps != null) {
      ps.close();
    }
  }
}
