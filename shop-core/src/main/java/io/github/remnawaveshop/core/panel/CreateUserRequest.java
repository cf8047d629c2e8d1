package io.github.remnawaveshop.core.panel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to create on the panel ({@code POST /api/users}). Build with {@link #builder(String,
 * Instant)}; {@code build()} applies the panel's own rules so a bad value fails here, with a clear
 * message, instead of as a panel validation error.
 *
 * @param username 3–36 characters of {@code [A-Za-z0-9_-]}, unique on the panel
 * @param expireAt when access ends
 * @param status initial status, if not the panel's default (ACTIVE)
 * @param trafficLimitBytes traffic limit, 0 = unlimited
 * @param trafficLimitStrategy when used traffic resets
 * @param telegramId the customer's Telegram id
 * @param email e-mail
 * @param description free text
 * @param tag {@code ^[A-Z0-9_]{1,16}$}
 * @param hwidDeviceLimit device limit
 * @param activeInternalSquads internal squad UUIDs to put the user in (unmodifiable)
 * @param externalSquadUuid external squad UUID
 * @param shortUuid a chosen short UUID instead of a generated one
 */
public record CreateUserRequest(
    String username,
    Instant expireAt,
    Optional<UserStatus> status,
    OptionalLong trafficLimitBytes,
    Optional<TrafficLimitStrategy> trafficLimitStrategy,
    OptionalLong telegramId,
    Optional<String> email,
    Optional<String> description,
    Optional<String> tag,
    OptionalInt hwidDeviceLimit,
    List<String> activeInternalSquads,
    Optional<String> externalSquadUuid,
    Optional<String> shortUuid) {

  /** The panel's user name rule. */
  public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_-]{3,36}$");

  /** The panel's tag rule. */
  public static final Pattern TAG = Pattern.compile("^[A-Z0-9_]{1,16}$");

  /** Validates every component against the panel's rules. */
  public CreateUserRequest {
    requireUsername(username);
    Objects.requireNonNull(expireAt, "expireAt");
    Objects.requireNonNull(status, "status");
    status.ifPresent(s -> requireKnown("status", s == UserStatus.UNKNOWN, s));
    Objects.requireNonNull(trafficLimitBytes, "trafficLimitBytes");
    if (trafficLimitBytes.isPresent() && trafficLimitBytes.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "trafficLimitBytes must be >= 0 (0 = unlimited) but was "
              + trafficLimitBytes.getAsLong());
    }
    Objects.requireNonNull(trafficLimitStrategy, "trafficLimitStrategy");
    trafficLimitStrategy.ifPresent(
        s -> requireKnown("trafficLimitStrategy", s == TrafficLimitStrategy.UNKNOWN, s));
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
    activeInternalSquads = List.copyOf(activeInternalSquads);
    Objects.requireNonNull(externalSquadUuid, "externalSquadUuid");
    Objects.requireNonNull(shortUuid, "shortUuid");
  }

  /**
   * Starts a request with the two required fields.
   *
   * @param username the unique user name
   * @param expireAt when access ends
   * @return a builder
   */
  public static Builder builder(String username, Instant expireAt) {
    return new Builder(username, expireAt);
  }

  /**
   * A builder holding this request's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(username, expireAt);
    b.status = status.orElse(null);
    b.trafficLimitBytes = trafficLimitBytes.isPresent() ? trafficLimitBytes.getAsLong() : null;
    b.trafficLimitStrategy = trafficLimitStrategy.orElse(null);
    b.telegramId = telegramId.isPresent() ? telegramId.getAsLong() : null;
    b.email = email.orElse(null);
    b.description = description.orElse(null);
    b.tag = tag.orElse(null);
    b.hwidDeviceLimit = hwidDeviceLimit.isPresent() ? hwidDeviceLimit.getAsInt() : null;
    b.activeInternalSquads = activeInternalSquads;
    b.externalSquadUuid = externalSquadUuid.orElse(null);
    b.shortUuid = shortUuid.orElse(null);
    return b;
  }

  static void requireUsername(String username) {
    Objects.requireNonNull(username, "username");
    if (!USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "username must be 3-36 characters of [A-Za-z0-9_-] but was '" + username + "'");
    }
  }

  static void requireTag(String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag must match ^[A-Z0-9_]{1,16}$ but was '" + tag + "'");
    }
  }

  private static void requireKnown(String name, boolean unknown, Object value) {
    if (unknown) {
      throw new IllegalArgumentException(name + " cannot be sent as " + value);
    }
  }

  /** Mutable builder of {@link CreateUserRequest}; not thread-safe. */
  public static final class Builder extends UserFieldsBuilder<Builder> {
    private final String username;
    private final Instant expireAt;
    private @Nullable String externalSquadUuid;
    private @Nullable String shortUuid;

    private Builder(String username, Instant expireAt) {
      this.username = username;
      this.expireAt = expireAt;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * External squad.
     *
     * @param value the squad UUID
     * @return this builder
     */
    public Builder externalSquadUuid(String value) {
      this.externalSquadUuid = Objects.requireNonNull(value, "externalSquadUuid");
      return this;
    }

    /**
     * A chosen short UUID.
     *
     * @param value the short UUID
     * @return this builder
     */
    public Builder shortUuid(String value) {
      this.shortUuid = Objects.requireNonNull(value, "shortUuid");
      return this;
    }

    /**
     * Validates and builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException naming the bad setting and value
     */
    public CreateUserRequest build() {
      return new CreateUserRequest(
          username,
          expireAt,
          statusValue(),
          trafficLimitBytesValue(),
          Optional.ofNullable(trafficLimitStrategy),
          telegramIdValue(),
          Optional.ofNullable(email),
          Optional.ofNullable(description),
          Optional.ofNullable(tag),
          hwidDeviceLimitValue(),
          activeInternalSquads == null ? List.of() : activeInternalSquads,
          Optional.ofNullable(externalSquadUuid),
          Optional.ofNullable(shortUuid));
    }
  }
}
