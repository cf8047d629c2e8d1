/**
 * One-shot measurement of {@code BackupService} (backup, verify, restore) on a seeded store, beside
 * {@code pg_dump -Fc} / {@code pg_restore} in the same run: {@link
 * io.github.remnawaveshop.benchmarks.backup.BackupBenchmarkMain}.
 */
package io.github.remnawaveshop.benchmarks.backup;
