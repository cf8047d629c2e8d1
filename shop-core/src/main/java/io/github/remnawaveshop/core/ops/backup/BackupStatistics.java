package io.github.remnawaveshop.core.ops.backup;

import java.time.Instant;
import java.util.Optional;

/**
 * Summary of the backups in a directory.
 *
 * @param count number of backups
 * @param totalBytes their archives' total size
 * @param oldest when the oldest was taken
 * @param newest when the newest was taken
 */
public record BackupStatistics(
    int count, long totalBytes, Optional<Instant> oldest, Optional<Instant> newest) {}
