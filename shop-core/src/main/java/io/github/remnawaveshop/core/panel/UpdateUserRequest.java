package io.github.remnawaveshop.core.panel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A partial update of a user ({@code PATCH /api/users}): only present fields are sent. The user is
 * named by id (see {@link PanelUser#id()}) or by user name. Build with {@link #byId(String)} or
 * {@link #byUsername(String)}.
 *
 * <p>The panel accepts only {@code ACTIVE} or {@code DISABLED} as a new status and only a future
 * {@code expireAt}; the first is checked here, the second by the panel (it depends on its clock).
 *
 * @param id the user's id, if the user is named by id
 * @param username the user's name, if the user is named by name
 * @param status new status (ACTIVE or DISABLED)
 * @param expireAt new expiry, in the future
 * @param trafficLimitBytes new traffic limit, 0 = unlimited
 * @param trafficLimitStrategy new reset strategy
 * @param telegramId new Telegram id
 * @param email new e-mail
 * @param description new description
 * @param tag new tag
 * @param hwidDeviceLimit new device limit
 * @param activeInternalSquads new squad set, if it changes
 */
public record UpdateUserRequest(
    Optional<String> id,
    Optional<String> username,
    Optional<UserStatus> status,
    Optional<Instant> expireAt,
    OptionalLong trafficLimitBytes,
    Optional<TrafficLimitStrategy> trafficLimitStrategy,
    OptionalLong telegramId,
    Optional<String> email,
    Optional<String> description,
    Optional<String> tag,
    OptionalInt hwidDeviceLimit,
    Optional<List<String>> activeInternalSquads) {

  /** Validates the components. */
  public UpdateUserRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    if (id.isPresent() == username.isPresent()) {
      throw new IllegalArgumentException("exactly one of id and username must be set");
    }
    id.ifPresent(
        v -> {
          if (v.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
          }
        });
    username.ifPresent(CreateUserRequest::requireUsername);
    Objects.requireNonNull(status, "status");
    status.ifPresent(
        s -> {
          if (s != UserStatus.ACTIVE && s != UserStatus.DISABLED) {
            throw new IllegalArgumentException(
                "status can only be updated to ACTIVE or DISABLED but was " + s);
          }
        });
    Objects.requireNonNull(expireAt, "expireAt");
    Objects.requireNonNull(trafficLimitBytes, "trafficLimitBytes");
    if (trafficLimitBytes.isPresent() && trafficLimitBytes.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "trafficLimitBytes must be >= 0 but was " + trafficLimitBytes.getAsLong());
    }
    Objects.requireNonNull(trafficLimitStrategy, "trafficLimitStrategy");
    trafficLimitStrategy.ifPresent(
        s -> {
          if (s == TrafficLimitStrategy.UNKNOWN) {
            throw new IllegalArgumentException("trafficLimitStrategy cannot be sent as UNKNOWN");
          }
        });
    Objects.requireNonNull(telegramId, "telegramId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(tag, "tag");
    tag.ifPresent(CreateUserRequest::requireTag);
    Objects.requireNonNull(hwidDeviceLimit, "hwidDeviceLimit");
    if (hwidDeviceLimit.isPresent() && hwidDeviceLimit.getAsInt() < 0) {
      throw new IllegalArgumentException(
          "hwidDeviceLimit must be >= 0 but was " + hwidDeviceLimit.getAsInt());
    }
    Objects.requireNonNull(activeInternalSquads, "activeInternalSquads");
    activeInternalSquads = activeInternalSquads.map(List::copyOf);
  }

  /**
   * Starts an update of the user with this id.
   *
   * @param id {@link PanelUser#id()}
   * @return a builder
   */
  public static Builder byId(String id) {
    return new Builder(Objects.requireNonNull(id, "id"), null);
  }

  /**
   * Starts an update of the user with this name.
   *
   * @param username the user name
   * @return a builder
   */
  public static Builder byUsername(String username) {
    return new Builder(null, Objects.requireNonNull(username, "username"));
  }

  /** Mutable builder of {@link UpdateUserRequest}; not thread-safe. Absent fields are not sent. */
  public static final class Builder extends UserFieldsBuilder<Builder> {
    private final @Nullable String id;
    private final @Nullable String username;
    private @Nullable Instant expireAt;

    private Builder(@Nullable String id, @Nullable String username) {
      this.id = id;
      this.username = username;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * New expiry, in the future.
     *
     * @param value the instant
     * @return this builder
     */
    public Builder expireAt(Instant value) {
      this.expireAt = Objects.requireNonNull(value, "expireAt");
      return this;
    }

    /**
     * Validates and builds the update.
     *
     * @return the update
     * @throws IllegalArgumentException naming the bad setting and value
     */
    public UpdateUserRequest build() {
      return new UpdateUserRequest(
          Optional.ofNullable(id),
          Optional.ofNullable(username),
          statusValue(),
          Optional.ofNullable(expireAt),
          trafficLimitBytesValue(),
          Optional.ofNullable(trafficLimitStrategy),
          telegramIdValue(),
          Optional.ofNullable(email),
          Optional.ofNullable(description),
          Optional.ofNullable(tag),
          hwidDeviceLimitValue(),
          Optional.ofNullable(activeInternalSquads));
    }
  }
}
