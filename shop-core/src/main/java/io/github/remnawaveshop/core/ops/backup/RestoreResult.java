package io.github.remnawaveshop.core.ops.backup;

import java.time.Duration;
import java.util.Map;

/**
 * What a restore loaded.
 *
 * @param id the backup
 * @param rowsByTable rows loaded per table
 * @param keys Redis keys restored
 * @param took how long it took
 */
public record RestoreResult(String id, Map<String, Long> rowsByTable, long keys, Duration took) {
  /** Copies. */
  public RestoreResult {
    rowsByTable = Map.copyOf(rowsByTable);
  }
}
