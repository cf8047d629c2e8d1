package io.github.remnawaveshop.core.ops.backup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a restore loaded; returned only when everything it was asked to restore was restored and
 * committed (a failure throws {@link RestoreFailedException}, which says what was left).
 *
 * @param id the backup
 * @param rowsByTable rows loaded and committed per table
 * @param keys Redis keys restored
 * @param notRestored parts of the backup the target had no place for, e.g. {@code "redis: 401
 *     key(s); no Redis target given"}; empty when the whole backup was restored
 * @param took how long it took
 */
public record RestoreResult(
    String id, Map<String, Long> rowsByTable, long keys, List<String> notRestored, Duration took) {
  /** Copies. */
  public RestoreResult {
    rowsByTable = Map.copyOf(rowsByTable);
    notRestored = List.copyOf(notRestored);
  }
}
