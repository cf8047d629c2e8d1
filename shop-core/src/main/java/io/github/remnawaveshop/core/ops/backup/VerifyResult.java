package io.github.remnawaveshop.core.ops.backup;

import java.util.List;

/**
 * Outcome of {@link BackupService#verify(String)}.
 *
 * @param id the backup
 * @param problems what does not match its manifest; empty when the backup is intact
 */
public record VerifyResult(String id, List<String> problems) {
  /** Copies. */
  public VerifyResult {
    problems = List.copyOf(problems);
  }

  /** Whether every checksum and count matches. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
