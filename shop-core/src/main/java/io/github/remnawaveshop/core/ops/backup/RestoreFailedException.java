package io.github.remnawaveshop.core.ops.backup;

import java.util.List;

/**
 * A restore failed after it began writing to the target; says exactly what it left there.
 *
 * <p>The tables are loaded in one transaction that is committed only after every Redis key was
 * restored, so on any failure before that commit the database is rolled back ({@link
 * PostgresState#ROLLED_BACK}) and the keys this restore wrote are deleted again. Only when that
 * cleanup itself fails, or the COMMIT's outcome is unknown, is the target left dirty: {@link
 * #targetClean()} is then false and the message names what to remove before a rerun.
 */
public final class RestoreFailedException extends BackupException {
  private static final long serialVersionUID = 1L;

  /** What became of the database part. */
  public enum PostgresState {
    /** No database target, or the failure came before any row was loaded. */
    UNTOUCHED,
    /** Rows were loaded and rolled back (sequences included): the tables are as they were. */
    ROLLED_BACK,
    /**
     * The COMMIT failed (a lost connection, say): whether it was applied is unknown; check the
     * tables.
     */
    COMMIT_UNKNOWN
  }

  private final PostgresState postgres;
  private final long keysRestored;
  private final long keysRemoved;
  private final List<String> keysLeft;

  RestoreFailedException(
      String message,
      Throwable cause,
      PostgresState postgres,
      long keysRestored,
      long keysRemoved,
      List<String> keysLeft) {
    super(message, cause);
    this.postgres = postgres;
    this.keysRestored = keysRestored;
    this.keysRemoved = keysRemoved;
    this.keysLeft = List.copyOf(keysLeft);
  }

  /** What became of the database part. */
  public PostgresState postgres() {
    return postgres;
  }

  /** Redis keys this restore wrote before it failed. */
  public long keysRestored() {
    return keysRestored;
  }

  /** Of those, how many were deleted again. */
  public long keysRemoved() {
    return keysRemoved;
  }

  /** Keys this restore wrote and could not delete again (empty when the cleanup succeeded). */
  public List<String> keysLeft() {
    return keysLeft;
  }

  /** Whether the target is as it was before the restore, so that a rerun is accepted. */
  public boolean targetClean() {
    return postgres != PostgresState.COMMIT_UNKNOWN && keysLeft.isEmpty();
  }
}
