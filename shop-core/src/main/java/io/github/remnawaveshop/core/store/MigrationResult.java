package io.github.remnawaveshop.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ShopStore#migrate()} did.
 *
 * @param schema the schema migrated
 * @param initialVersion the schema version before, empty for a fresh schema
 * @param currentVersion the schema version after
 * @param applied descriptions of the migrations applied by this call, e.g. {@code 1 shop schema};
 *     empty when the schema was up to date
 */
public record MigrationResult(
    String schema, Optional<String> initialVersion, String currentVersion, List<String> applied) {
  /** Copies the list. */
  public MigrationResult {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(initialVersion, "initialVersion");
    Objects.requireNonNull(currentVersion, "currentVersion");
    applied = List.copyOf(applied);
  }
}
