package io.github.remnawaveshop.core.panel;

import java.util.Objects;

/**
 * An internal squad: a named set of inbounds users are put in.
 *
 * @param uuid the squad's UUID, used in {@link CreateUserRequest.Builder#activeInternalSquads}
 * @param name display name
 * @param viewPosition ordering position in the panel UI
 * @param membersCount number of users in the squad
 * @param inboundsCount number of inbounds in the squad
 */
public record InternalSquad(
    String uuid, String name, int viewPosition, long membersCount, long inboundsCount) {
  /** Checks that no component is null. */
  public InternalSquad {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(name, "name");
  }
}
