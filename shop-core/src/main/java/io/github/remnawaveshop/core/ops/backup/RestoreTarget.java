package io.github.remnawaveshop.core.ops.backup;

import io.lettuce.core.RedisClient;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where to restore a backup: an empty database whose schema has been migrated to the backup's
 * version (run {@code ShopStore…migrate()} on it first), and/or a Redis without keys under the
 * backup's prefixes.
 *
 * @param postgres the target database
 * @param schema the target schema (default: the backup's)
 * @param redis the target Redis
 */
public record RestoreTarget(
    Optional<DataSource> postgres, Optional<String> schema, Optional<RedisClient> redis) {
  /** Validates. */
  public RestoreTarget {
    Objects.requireNonNull(postgres, "postgres");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(redis, "redis");
  }

  /** Restore tables only. */
  public static RestoreTarget postgres(DataSource dataSource) {
    return new RestoreTarget(Optional.of(dataSource), Optional.empty(), Optional.empty());
  }

  /** Restore tables and Redis keys. */
  public static RestoreTarget of(DataSource dataSource, RedisClient redis) {
    return new RestoreTarget(Optional.of(dataSource), Optional.empty(), Optional.of(redis));
  }

  /** Restore Redis keys only. */
  public static RestoreTarget redis(RedisClient redis) {
    return new RestoreTarget(Optional.empty(), Optional.empty(), Optional.of(redis));
  }
}
