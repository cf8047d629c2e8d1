package io.github.remnawaveshop.core.ops.backup;

import io.github.remnawaveshop.core.ShopException;

/**
 * A backup, verification or restore failed; the message says which step and which object. A restore
 * that failed after it began writing throws the subclass {@link RestoreFailedException}, which says
 * what it left.
 */
public class BackupException extends ShopException {
  private static final long serialVersionUID = 1L;

  BackupException(String message) {
    super(message);
  }

  BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
