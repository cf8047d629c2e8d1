package io.github.remnawaveshop.core.panel;

import java.util.Objects;

/**
 * The answer of {@link RemnawavePanel#ensureUser}: the user and whether this call created it.
 *
 * @param user the panel user
 * @param created {@code true} when the user did not exist when the call started (including the case
 *     where the create reached the panel but its answer was lost); {@code false} when it was
 *     already there
 */
public record EnsuredUser(PanelUser user, boolean created) {
  /** Checks that the user is not null. */
  public EnsuredUser {
    Objects.requireNonNull(user, "user");
  }
}
