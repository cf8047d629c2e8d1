package io.github.remnawaveshop.core.fsm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Conversation state and data per {@link StorageKey}: get/set state, get/set/merge data, clear.
 * Data is a JSON object (through Jackson, never Java serialization) whose top-level fields are
 * stored and merged independently.
 *
 * <p>Build one with {@link #builder()}; without {@link Builder#redis(RedisClient)} it keeps
 * everything in memory. Implementations are thread-safe; build one per application and share it.
 * {@link #close()} releases the storage's own Redis connection (never the {@code RedisClient}).
 *
 * <pre>{@code
 * FsmStorage fsm = FsmStorage.builder()
 *     .redis(redisClient)
 *     .stateTtl(Duration.ofHours(24))
 *     .onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)
 *     .build();
 * }</pre>
 */
public interface FsmStorage extends AutoCloseable {

  /**
   * A builder with the defaults: in memory, prefix {@code fsm}, {@link KeyStrategy#USER_IN_CHAT},
   * no TTLs.
   */
  static Builder builder() {
    return new Builder();
  }

  /** State and data together; on Redis in one round trip. */
  FsmSnapshot read(StorageKey key);

  /** The current state, empty when none is set (or it expired). */
  Optional<String> getState(StorageKey key);

  /** Sets the state; the state TTL starts again. */
  void setState(StorageKey key, String state);

  /** Removes the state, keeping the data. */
  void clearState(StorageKey key);

  /** The data map (unmodifiable), empty when there is none. */
  Map<String, Object> getData(StorageKey key);

  /**
   * One data field converted to {@code type} through Jackson.
   *
   * @throws FsmDataException if the stored value cannot be converted to {@code type}
   */
  <T> Optional<T> getValue(StorageKey key, String field, Class<T> type);

  /**
   * Replaces the whole data map; an empty map deletes the data. The data TTL starts again.
   *
   * @throws FsmDataException if a value cannot be written as JSON
   */
  void setData(StorageKey key, Map<String, ?> data);

  /**
   * Merges {@code patch} into the data atomically and returns the merged map: each field of the
   * patch replaces the stored field of that name, a {@code null} value removes the field, other
   * fields are untouched. Two instances merging different fields at the same moment lose neither.
   * The data TTL starts again.
   *
   * @throws FsmDataException if a value cannot be written as JSON
   */
  Map<String, Object> updateData(StorageKey key, Map<String, ?> patch);

  /** Merges one field; see {@link #updateData(StorageKey, Map)}. */
  default Map<String, Object> updateData(StorageKey key, String field, Object value) {
    Map<String, Object> patch = new HashMap<>(2);
    patch.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, "value"));
    return updateData(key, patch);
  }

  /** Removes the named fields atomically and returns what remains. */
  default Map<String, Object> removeData(StorageKey key, String... fields) {
    Map<String, Object> patch = new HashMap<>();
    Arrays.stream(fields).forEach(f -> patch.put(Objects.requireNonNull(f, "field"), null));
    return updateData(key, patch);
  }

  /** Removes state and data. */
  void clear(StorageKey key);

  /** Counters since the storage was built. */
  FsmStats stats();

  /** Closes the storage's own Redis connections; the {@code RedisClient} stays open. Idempotent. */
  @Override
  void close();

  /**
   * Configures an {@link FsmStorage}. Not thread-safe; {@link #build()} validates and returns an
   * immutable storage, and may be called again for another one.
   */
  final class Builder {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.\\-:]{1,64}");
    static final Duration DEFAULT_FALLBACK_TTL = Duration.ofHours(1);
    static final long DEFAULT_FALLBACK_MAXIMUM_SIZE = 10_000;

    @Nullable RedisClient redis;
    String keyPrefix = "fsm";
    KeyStrategy keyStrategy = KeyStrategy.USER_IN_CHAT;
    @Nullable Duration stateTtl;
    @Nullable Duration dataTtl;
    @Nullable RedisOutagePolicy outagePolicy;
    Duration commandTimeout = Duration.ofSeconds(1);
    @Nullable Duration fallbackTtl;
    @Nullable Long fallbackMaximumSize;
    @Nullable ObjectMapper objectMapper;
    Clock clock = Clock.systemUTC();

    Builder() {}

    /**
     * Stores on Redis through this client; the storage opens (and closes) its own connection on it.
     * Without this the storage keeps everything in memory.
     */
    public Builder redis(RedisClient client) {
      this.redis = Objects.requireNonNull(client, "redis");
      return this;
    }

    /**
     * The first part of every Redis key (default {@code fsm}): 1-64 characters of A-Z a-z 0-9 _ . -
     * :
     */
    public Builder keyPrefix(String prefix) {
      this.keyPrefix = Objects.requireNonNull(prefix, "keyPrefix");
      return this;
    }

    /** Which parts of a key are kept apart (default {@link KeyStrategy#USER_IN_CHAT}). */
    public Builder keyStrategy(KeyStrategy strategy) {
      this.keyStrategy = Objects.requireNonNull(strategy, "keyStrategy");
      return this;
    }

    /** States expire this long after they were last set (default: never). */
    public Builder stateTtl(Duration ttl) {
      this.stateTtl = Objects.requireNonNull(ttl, "stateTtl");
      return this;
    }

    /** Data expires this long after it was last written (default: never). */
    public Builder dataTtl(Duration ttl) {
      this.dataTtl = Objects.requireNonNull(ttl, "dataTtl");
      return this;
    }

    /**
     * What to do when Redis cannot be reached (default {@link RedisOutagePolicy#FAIL}); needs
     * {@link #redis}.
     */
    public Builder onRedisOutage(RedisOutagePolicy policy) {
      this.outagePolicy = Objects.requireNonNull(policy, "onRedisOutage");
      return this;
    }

    /**
     * How long a state or data entry written to the outage fallback lives at most (default 1 h; a
     * shorter {@link #stateTtl}/{@link #dataTtl} wins). Needs {@link
     * RedisOutagePolicy#FALLBACK_TO_MEMORY}.
     */
    public Builder fallbackTtl(Duration ttl) {
      this.fallbackTtl = Objects.requireNonNull(ttl, "fallbackTtl");
      return this;
    }

    /**
     * How many conversations the outage fallback holds at most (default 10,000; the least recently
     * used go first). Needs {@link RedisOutagePolicy#FALLBACK_TO_MEMORY}.
     */
    public Builder fallbackMaximumSize(long size) {
      this.fallbackMaximumSize = size;
      return this;
    }

    /** How long one Redis call may take before Redis counts as unavailable (default 1 s). */
    public Builder redisTimeout(Duration timeout) {
      this.commandTimeout = Objects.requireNonNull(timeout, "redisTimeout");
      return this;
    }

    /** The Jackson mapper for data values (default: a plain mapper with java.time support). */
    public Builder objectMapper(ObjectMapper mapper) {
      this.objectMapper = Objects.requireNonNull(mapper, "objectMapper");
      return this;
    }

    /** The clock for in-memory expiry and log throttling (default the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates the settings and builds the storage. With {@link RedisOutagePolicy#FAIL} (the
     * default) an unreachable Redis fails here with {@link FsmUnavailableException}.
     *
     * @throws IllegalArgumentException naming the bad setting and value
     */
    public FsmStorage build() {
      if (!PREFIX.matcher(keyPrefix).matches()) {
        throw new IllegalArgumentException(
            "keyPrefix must be 1-64 characters of A-Z a-z 0-9 _ . - :; was '" + keyPrefix + "'");
      }
      checkPositive("stateTtl", stateTtl);
      checkPositive("dataTtl", dataTtl);
      checkPositive("redisTimeout", commandTimeout);
      checkPositive("fallbackTtl", fallbackTtl);
      if (fallbackMaximumSize != null && fallbackMaximumSize <= 0) {
        throw new IllegalArgumentException(
            "fallbackMaximumSize must be positive; was " + fallbackMaximumSize);
      }
      if ((fallbackTtl != null || fallbackMaximumSize != null)
          && outagePolicy != RedisOutagePolicy.FALLBACK_TO_MEMORY) {
        throw new IllegalArgumentException(
            (fallbackTtl != null
                    ? "fallbackTtl was set to " + fallbackTtl
                    : "fallbackMaximumSize was set to " + fallbackMaximumSize)
                + " but onRedisOutage is "
                + (outagePolicy == null ? "FAIL (the default)" : outagePolicy)
                + "; the fallback exists only with onRedisOutage(RedisOutagePolicy.FALLBACK_TO_MEMORY)");
      }
      if (outagePolicy != null && redis == null) {
        throw new IllegalArgumentException(
            "onRedisOutage was set to " + outagePolicy + " but no redis(...) client was given");
      }
      FsmConfig config = new FsmConfig(this);
      if (redis == null) {
        return new MemoryFsmStorage(config);
      }
      return new RedisFsmStorage(config, redis);
    }

    private static void checkPositive(String name, @Nullable Duration value) {
      if (value != null && (value.isZero() || value.isNegative())) {
        throw new IllegalArgumentException(name + " must be positive; was " + value);
      }
    }
  }
}
