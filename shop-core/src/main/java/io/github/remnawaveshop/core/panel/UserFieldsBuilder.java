package io.github.remnawaveshop.core.panel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The user fields that {@link CreateUserRequest.Builder} and {@link UpdateUserRequest.Builder}
 * share, written once: each builder adds its own identity and fields and checks the values in its
 * {@code build()} (the records' constructors). Mutable, not thread-safe. Not API on its own.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class UserFieldsBuilder<B extends UserFieldsBuilder<B>> {
  @Nullable UserStatus status;
  @Nullable Long trafficLimitBytes;
  @Nullable TrafficLimitStrategy trafficLimitStrategy;
  @Nullable Long telegramId;
  @Nullable String email;
  @Nullable String description;
  @Nullable String tag;
  @Nullable Integer hwidDeviceLimit;
  @Nullable List<String> activeInternalSquads;

  UserFieldsBuilder() {}

  abstract B self();

  /**
   * The user's status (an update accepts only ACTIVE or DISABLED).
   *
   * @param value the status
   * @return this builder
   */
  public B status(UserStatus value) {
    this.status = Objects.requireNonNull(value, "status");
    return self();
  }

  /**
   * Traffic limit in bytes, 0 = unlimited.
   *
   * @param value the limit, &gt;= 0
   * @return this builder
   */
  public B trafficLimitBytes(long value) {
    this.trafficLimitBytes = value;
    return self();
  }

  /**
   * When used traffic resets.
   *
   * @param value the strategy
   * @return this builder
   */
  public B trafficLimitStrategy(TrafficLimitStrategy value) {
    this.trafficLimitStrategy = Objects.requireNonNull(value, "trafficLimitStrategy");
    return self();
  }

  /**
   * The customer's Telegram id.
   *
   * @param value the id
   * @return this builder
   */
  public B telegramId(long value) {
    this.telegramId = value;
    return self();
  }

  /**
   * E-mail.
   *
   * @param value the address
   * @return this builder
   */
  public B email(String value) {
    this.email = Objects.requireNonNull(value, "email");
    return self();
  }

  /**
   * Free text.
   *
   * @param value the description
   * @return this builder
   */
  public B description(String value) {
    this.description = Objects.requireNonNull(value, "description");
    return self();
  }

  /**
   * Tag, {@code ^[A-Z0-9_]{1,16}$}.
   *
   * @param value the tag
   * @return this builder
   */
  public B tag(String value) {
    this.tag = Objects.requireNonNull(value, "tag");
    return self();
  }

  /**
   * Device limit.
   *
   * @param value the limit, &gt;= 0
   * @return this builder
   */
  public B hwidDeviceLimit(int value) {
    this.hwidDeviceLimit = value;
    return self();
  }

  /**
   * Internal squads of the user (an update replaces the current set).
   *
   * @param uuids squad UUIDs
   * @return this builder
   */
  public B activeInternalSquads(List<String> uuids) {
    this.activeInternalSquads = List.copyOf(uuids);
    return self();
  }

  Optional<UserStatus> statusValue() {
    return Optional.ofNullable(status);
  }

  OptionalLong trafficLimitBytesValue() {
    return trafficLimitBytes == null ? OptionalLong.empty() : OptionalLong.of(trafficLimitBytes);
  }

  OptionalLong telegramIdValue() {
    return telegramId == null ? OptionalLong.empty() : OptionalLong.of(telegramId);
  }

  OptionalInt hwidDeviceLimitValue() {
    return hwidDeviceLimit == null ? OptionalInt.empty() : OptionalInt.of(hwidDeviceLimit);
  }
}
