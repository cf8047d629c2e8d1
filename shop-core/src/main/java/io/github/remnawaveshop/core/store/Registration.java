package io.github.remnawaveshop.core.store;

import java.util.Objects;

/**
 * The outcome of {@link UserRepository#register}: the stored user and whether this call created it.
 *
 * @param user the user as stored now
 * @param created {@code true} when the user did not exist before this call
 */
public record Registration(User user, boolean created) {
  /** Checks the user is present. */
  public Registration {
    Objects.requireNonNull(user, "user");
  }
}
