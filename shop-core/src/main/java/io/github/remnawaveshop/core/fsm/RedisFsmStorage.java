package io.github.remnawaveshop.core.fsm;

import io.github.remnawaveshop.core.internal.RedisConnector;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis backend. Layout in {@link RedisKeyLayout}; reads of state and data, and data writes, are
 * Lua scripts called by SHA (loaded again on NOSCRIPT), so each is one atomic round trip.
 *
 * <p>With {@link RedisOutagePolicy#FALLBACK_TO_MEMORY} an operation that finds Redis unavailable
 * opens an {@link Outage} window: from then on every operation is served by that window's own
 * bounded memory, without touching Redis, until a {@code PING} (at most one per second, by the
 * configured clock) answers. Then the window closes, its memory is dropped, and every operation is
 * on Redis again. So a conversation's state and data never live on two sides within one window, and
 * nothing written in one outage is served in the next.
 */
final class RedisFsmStorage extends AbstractFsmStorage {
  private static final Logger log = LoggerFactory.getLogger(RedisFsmStorage.class);
  private static final long WARN_EVERY_MILLIS = 30_000;
  private static final long PROBE_INTERVAL_MILLIS = 1000;

  /**
   * How long a FAIL-policy build waits for the first connect (a cold JVM's first one can take a
   * while).
   */
  private static final Duration FAIL_BUILD_PATIENCE = Duration.ofSeconds(10);

  private final RedisConnector<StatefulRedisConnection<String, String>> connector;
  private final Link link;
  private final RedisKeyLayout layout;
  private final boolean fallback;
  private final String stateTtlMillis;
  private final String dataTtlMillis;
  private final AtomicLong redisFailures = new AtomicLong();
  private final AtomicLong fallbackOperations = new AtomicLong();
  private final AtomicReference<Outage> outage = new AtomicReference<>();
  private volatile long lastWarnMillis;

  RedisFsmStorage(FsmConfig config, RedisClient client) {
    super(config);
    this.connector =
        new RedisConnector<>(
            "the FSM storage",
            config.commandTimeout,
            config.clock,
            () -> client.connect(StringCodec.UTF8));
    this.link = new Link();
    this.layout = new RedisKeyLayout(config.keyPrefix);
    this.fallback = config.outagePolicy == RedisOutagePolicy.FALLBACK_TO_MEMORY;
    this.stateTtlMillis = config.stateTtl.map(d -> Long.toString(d.toMillis())).orElse("0");
    this.dataTtlMillis = config.dataTtl.map(d -> Long.toString(d.toMillis())).orElse("0");
    try {
      if (fallback) {
        link.commands(); // at most the command timeout: the fallback answers meanwhile
      } else {
        connector.connection(
            FAIL_BUILD_PATIENCE.compareTo(config.commandTimeout) > 0
                ? FAIL_BUILD_PATIENCE
                : config
                    .commandTimeout); // build() is the only place FAIL can tell "no Redis" early
      }
    } catch (RedisConnector.Unavailable e) {
      if (!fallback) {
        link.close();
        throw new FsmUnavailableException(
            "Redis is unavailable for the FSM storage (policy FAIL): " + e.getMessage(), e);
      }
      outage.set(new Outage(config));
      lastWarnMillis = config.clock.millis();
      log.warn(
          "FSM storage starts WITHOUT Redis ({}); using process memory until Redis answers",
          e.getMessage());
    }
  }

  @Override
  public FsmSnapshot read(StorageKey key) {
    StorageKey k = normalize(key);
    return run(
        "read",
        c -> {
          List<Object> reply = script(c, FsmScripts.READ, ScriptOutputType.MULTI, layout.keys(k));
          Optional<String> state = Optional.ofNullable((String) reply.get(0));
          return new FsmSnapshot(state, codec.decode(pairs(reply.get(1))));
        },
        m -> m.read(k));
  }

  @Override
  public Optional<String> getState(StorageKey key) {
    StorageKey k = normalize(key);
    return run(
        "getState",
        c -> Optional.ofNullable(link.await(c.get(layout.keys(k)[0]))),
        m -> m.getState(k));
  }

  @Override
  public void setState(StorageKey key, String state) {
    StorageKey k = normalize(key);
    checkState(state);
    run(
        "setState",
        c -> {
          SetArgs args = new SetArgs();
          config.stateTtl.ifPresent(ttl -> args.px(ttl.toMillis()));
          return link.await(c.set(layout.keys(k)[0], state, args));
        },
        m -> {
          m.setState(k, state);
          return null;
        });
  }

  @Override
  public void clearState(StorageKey key) {
    StorageKey k = normalize(key);
    run(
        "clearState",
        c -> link.await(c.del(layout.keys(k)[0])),
        m -> {
          m.clearState(k);
          return null;
        });
  }

  @Override
  public Map<String, Object> getData(StorageKey key) {
    StorageKey k = normalize(key);
    return run(
        "getData", c -> codec.decode(link.await(c.hgetall(layout.keys(k)[1]))), m -> m.getData(k));
  }

  @Override
  public void setData(StorageKey key, Map<String, ?> values) {
    StorageKey k = normalize(key);
    Map<String, String> encoded = codec.encode(values);
    List<String> args = new ArrayList<>(encoded.size() * 2 + 1);
    args.add(dataTtlMillis);
    encoded.forEach(
        (field, json) -> {
          if (!FieldCodec.REMOVE.equals(json)) {
            args.add(field);
            args.add(json);
          }
        });
    run(
        "setData",
        c ->
            script(
                c,
                FsmScripts.SET_DATA,
                ScriptOutputType.INTEGER,
                new String[] {layout.keys(k)[1]},
                args.toArray(new String[0])),
        m -> {
          m.setData(k, values);
          return null;
        });
  }

  @Override
  public Map<String, Object> updateData(StorageKey key, Map<String, ?> patch) {
    StorageKey k = normalize(key);
    Map<String, String> encoded = codec.encode(patch);
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    encoded.forEach(
        (field, json) -> {
          if (FieldCodec.REMOVE.equals(json)) {
            removes.add(field);
          } else {
            sets.add(field);
            sets.add(json);
          }
        });
    List<String> args = new ArrayList<>(sets.size() + removes.size() + 2);
    args.add(dataTtlMillis);
    args.add(Integer.toString(sets.size() / 2));
    args.addAll(sets);
    args.addAll(removes);
    return run(
        "updateData",
        c -> {
          List<Object> reply =
              script(
                  c,
                  FsmScripts.UPDATE_DATA,
                  ScriptOutputType.MULTI,
                  new String[] {layout.keys(k)[1]},
                  args.toArray(new String[0]));
          return codec.decode(pairs(reply));
        },
        m -> m.updateData(k, patch));
  }

  @Override
  public void clear(StorageKey key) {
    StorageKey k = normalize(key);
    run(
        "clear",
        c -> link.await(c.del(layout.keys(k))),
        m -> {
          m.clear(k);
          return null;
        });
  }

  @Override
  public FsmStats stats() {
    return new FsmStats(redisFailures.get(), fallbackOperations.get());
  }

  @Override
  public void close() {
    link.close();
  }

  /** For tests: whether the storage's own connection is open (Lettuce reconnected it). */
  boolean redisConnectionOpen() {
    StatefulRedisConnection<String, String> c = connector.current();
    return c != null && c.isOpen();
  }

  private <T> T script(
      RedisAsyncCommands<String, String> c,
      FsmScripts s,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    try {
      return link.await(c.evalsha(s.sha, type, keys, args));
    } catch (RedisNoScriptException e) {
      return link.await(c.eval(s.source, type, keys, args));
    }
  }

  private static Map<String, String> pairs(Object flat) {
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) flat;
    if (list.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> out = new LinkedHashMap<>(list.size());
    for (int i = 0; i + 1 < list.size(); i += 2) {
      out.put((String) list.get(i), (String) list.get(i + 1));
    }
    return out;
  }

  private <T> T run(
      String operation,
      Function<RedisAsyncCommands<String, String>, T> onRedis,
      Function<MemoryFsmStorage, T> inMemory) {
    Outage o = outage.get();
    if (o != null && !recovered(o)) {
      return served(operation, o, inMemory, null);
    }
    try {
      return onRedis.apply(link.commands());
    } catch (RedisConnector.Unavailable e) {
      return outage(operation, e, inMemory);
    }
  }

  private <T> T outage(
      String operation, RedisConnector.Unavailable e, Function<MemoryFsmStorage, T> inMemory) {
    redisFailures.incrementAndGet();
    if (!fallback) {
      throw new FsmUnavailableException(
          "FSM " + operation + " failed: Redis is unavailable (policy FAIL): " + e.getMessage(), e);
    }
    Outage o = outage.get();
    if (o == null) {
      Outage opened = new Outage(config);
      o = outage.compareAndSet(null, opened) ? opened : outage.get();
      if (o == opened) {
        lastWarnMillis = Long.MIN_VALUE / 2; // say so at once
      } else if (o == null) {
        o = opened; // closed again meanwhile: serve this one operation from a memory nobody else
        // sees
      }
    }
    return served(operation, o, inMemory, e);
  }

  private <T> T served(
      String operation,
      Outage o,
      Function<MemoryFsmStorage, T> inMemory,
      RedisConnector.@Nullable Unavailable cause) {
    long count = fallbackOperations.incrementAndGet();
    long now = config.clock.millis();
    if (now - lastWarnMillis >= WARN_EVERY_MILLIS) {
      lastWarnMillis = now;
      log.warn(
          "REDIS UNAVAILABLE for FSM storage ({}): serving {} from PROCESS MEMORY. Conversation state is "
              + "NOT shared with other instances and will be lost on restart ({} fallback operations so far)",
          cause != null ? cause.getMessage() : "outage in progress",
          operation,
          count);
    }
    return inMemory.apply(o.memory);
  }

  /**
   * Whether Redis answers again, asked by at most one caller at a time and at most once a second;
   * when it does, closes the window and drops its memory. Other callers meanwhile stay in the
   * window.
   */
  private boolean recovered(Outage o) {
    if (config.clock.millis() < o.nextProbeMillis || !o.probing.compareAndSet(false, true)) {
      return false;
    }
    try {
      link.await(link.commands().ping());
    } catch (RedisConnector.Unavailable | FsmException e) {
      o.nextProbeMillis = config.clock.millis() + PROBE_INTERVAL_MILLIS;
      o.probing.set(false);
      return false;
    }
    if (outage.compareAndSet(o, null)) {
      log.warn(
          "FSM storage is back on Redis after {} operations served from process memory; the {} "
              + "conversations written during the outage are dropped, not copied to Redis",
          fallbackOperations.get(),
          o.memory.size());
    }
    return true;
  }

  /** One outage window: its own bounded memory, dropped when the window closes. */
  private static final class Outage {
    final MemoryFsmStorage memory;
    final AtomicBoolean probing = new AtomicBoolean();
    volatile long nextProbeMillis;

    Outage(FsmConfig config) {
      this.memory = MemoryFsmStorage.fallbackOf(config);
      this.nextProbeMillis = config.clock.millis() + PROBE_INTERVAL_MILLIS;
    }
  }

  /**
   * The FSM's view of its Redis connection: command errors are FSM errors, interrupts are not
   * outages.
   */
  private final class Link {
    RedisAsyncCommands<String, String> commands() {
      return connector.connection().async();
    }

    <T> T await(RedisFuture<T> future) {
      try {
        return connector.await(future);
      } catch (RedisConnector.Interrupted e) {
        throw new FsmUnavailableException("interrupted while waiting for Redis", e.getCause());
      } catch (RedisNoScriptException e) {
        throw e;
      } catch (RedisCommandExecutionException e) {
        throw new FsmException("Redis rejected an FSM command: " + e.getMessage(), e);
      }
    }

    void close() {
      connector.close();
    }
  }
}
