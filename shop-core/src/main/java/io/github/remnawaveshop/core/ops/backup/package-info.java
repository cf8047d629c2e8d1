/**
 * Verified backups of the shop's own data: PostgreSQL tables in one consistent snapshot (COPY
 * through the JDBC driver, no {@code pg_dump} binary needed), Redis keys under the SDK's prefixes
 * (SCAN + DUMP/PTTL, restorable with RESTORE on a managed Redis), and the effective configuration
 * with secrets redacted. See {@link io.github.remnawaveshop.core.ops.backup.BackupService}.
 */
@NullMarked
package io.github.remnawaveshop.core.ops.backup;

import org.jspecify.annotations.NullMarked;
