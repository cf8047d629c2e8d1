package io.github.remnawaveshop.core.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One kind of cached thing: a name, the key and value types, how long an entry lives and how many
 * entries the process keeps. Values should be immutable (records): level 1 hands the same instance
 * to every caller.
 *
 * <p>Keys are written to Redis as text: String, Long, Integer and UUID keys work as they are; other
 * key types need {@link Builder#keyCodec(Function, Function)}. Immutable and thread-safe; define
 * regions once (as constants) and register them with {@link
 * CacheLayer.Builder#region(CacheRegion)}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheRegion<K, V> {
  /** The TTL of a region built without {@link Builder#ttl(Duration)}: 5 minutes. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  /** The level-1 size of a region built without {@link Builder#maximumSize(long)}. */
  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  private final String name;
  private final Class<K> keyType;
  private final JavaType valueType;
  private final Duration ttl;
  private final long maximumSize;
  private final Function<? super K, String> keyWriter;
  private final Function<String, ? extends K> keyReader;

  private CacheRegion(Builder<K, V> b) {
    this.name = b.name;
    this.keyType = b.keyType;
    this.valueType = b.valueType;
    this.ttl = b.ttl;
    this.maximumSize = b.maximumSize;
    this.keyWriter =
        Objects.requireNonNull(b.keyWriter, "keyWriter"); // build() set the default codec
    this.keyReader = Objects.requireNonNull(b.keyReader, "keyReader");
  }

  /**
   * A builder for a region of {@code valueType} values under {@code keyType} keys.
   *
   * @param name 1-64 characters of A-Z a-z 0-9 _ . - ; unique within a {@link CacheLayer}
   */
  public static <K, V> Builder<K, V> builder(String name, Class<K> keyType, Class<V> valueType) {
    return new Builder<>(
        name,
        keyType,
        TypeFactory.defaultInstance()
            .constructType(Objects.requireNonNull(valueType, "valueType")));
  }

  /** A builder for generic values, e.g. {@code new TypeReference<List<Plan>>() {}}. */
  public static <K, V> Builder<K, V> builder(
      String name, Class<K> keyType, TypeReference<V> valueType) {
    return new Builder<>(
        name,
        keyType,
        TypeFactory.defaultInstance()
            .constructType(Objects.requireNonNull(valueType, "valueType")));
  }

  /** The region's name, used in Redis keys, logs and metrics. */
  public String name() {
    return name;
  }

  /** The key type. */
  public Class<K> keyType() {
    return keyType;
  }

  /** The value type as Jackson sees it; its canonical form is the type tag stored in Redis. */
  public JavaType valueType() {
    return valueType;
  }

  /** How long an entry lives after it was loaded or put. */
  public Duration ttl() {
    return ttl;
  }

  /** How many entries level 1 keeps at most. */
  public long maximumSize() {
    return maximumSize;
  }

  String writeKey(K key) {
    return keyWriter.apply(key);
  }

  K readKey(String text) {
    return keyReader.apply(text);
  }

  /** A builder preset with this region's settings, to derive a variant. */
  public Builder<K, V> toBuilder() {
    Builder<K, V> b = new Builder<>(name, keyType, valueType);
    b.ttl = ttl;
    b.maximumSize = maximumSize;
    b.keyWriter = keyWriter;
    b.keyReader = keyReader;
    return b;
  }

  @Override
  public String toString() {
    return "CacheRegion["
        + name
        + ", "
        + keyType.getSimpleName()
        + " -> "
        + valueType.toCanonical()
        + ", ttl="
        + ttl
        + ", maximumSize="
        + maximumSize
        + "]";
  }

  /**
   * Configures a {@link CacheRegion}; {@link #build()} validates it.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  public static final class Builder<K, V> {
    private final String name;
    private final Class<K> keyType;
    private final JavaType valueType;
    private Duration ttl = DEFAULT_TTL;
    private long maximumSize = DEFAULT_MAXIMUM_SIZE;
    private @Nullable Function<? super K, String> keyWriter;
    private @Nullable Function<String, ? extends K> keyReader;

    private Builder(String name, Class<K> keyType, JavaType valueType) {
      this.name = Objects.requireNonNull(name, "name");
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      this.valueType = valueType;
    }

    /** How long an entry lives after it was loaded or put (default 5 minutes). */
    public Builder<K, V> ttl(Duration ttl) {
      this.ttl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** How many entries level 1 keeps at most (default 10,000). */
    public Builder<K, V> maximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * How keys become Redis key text and back; needed for key types other than String, Long,
     * Integer, UUID.
     */
    public Builder<K, V> keyCodec(
        Function<? super K, String> writer, Function<String, ? extends K> reader) {
      this.keyWriter = Objects.requireNonNull(writer, "keyCodec writer");
      this.keyReader = Objects.requireNonNull(reader, "keyCodec reader");
      return this;
    }

    /**
     * Validates and builds the region.
     *
     * @throws IllegalArgumentException naming the bad setting and value
     */
    public CacheRegion<K, V> build() {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "region name must be 1-64 characters of A-Z a-z 0-9 _ . -; was '" + name + "'");
      }
      if (ttl.isZero() || ttl.isNegative()) {
        throw new IllegalArgumentException(
            "ttl of region '" + name + "' must be positive; was " + ttl);
      }
      if (maximumSize <= 0) {
        throw new IllegalArgumentException(
            "maximumSize of region '" + name + "' must be positive; was " + maximumSize);
      }
      if (keyWriter == null) {
        defaultKeyCodec();
      }
      return new CacheRegion<>(this);
    }

    private void defaultKeyCodec() {
      Function<String, ?> reader;
      if (keyType == String.class) {
        reader = s -> s;
      } else if (keyType == Long.class) {
        reader = Long::valueOf;
      } else if (keyType == Integer.class) {
        reader = Integer::valueOf;
      } else if (keyType == UUID.class) {
        reader = UUID::fromString;
      } else {
        throw new IllegalArgumentException(
            "region '"
                + name
                + "' has key type "
                + keyType.getName()
                + ": set keyCodec(writer, reader) (built in only for String, Long, Integer, UUID)");
      }
      keyWriter = String::valueOf;
      keyReader = text -> keyType.cast(reader.apply(text));
    }
  }
}
