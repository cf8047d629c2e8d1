package io.github.remnawaveshop.core.panel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One verified panel webhook delivery ({@code {scope, event, timestamp, data, meta}}).
 *
 * @param deliveryId stable id for de-duplication: the same for every redelivery of one event (see
 *     {@link PanelWebhooks} for how it is computed)
 * @param scope the event's scope, e.g. {@code user}, {@code node}
 * @param event the event name, e.g. {@code user.created}, {@code user.expiration}
 * @param timestamp when the panel raised the event
 * @param user the user the event is about, when {@code scope} is {@code user} and {@code data} is a
 *     user object
 * @param meta the event's {@code meta} object as plain Java values (maps, lists, strings, numbers,
 *     booleans); empty when absent
 * @param rawData the {@code data} object as JSON text, for scopes the SDK does not type
 */
public record PanelWebhookEvent(
    String deliveryId,
    String scope,
    String event,
    Instant timestamp,
    Optional<PanelUser> user,
    Map<String, Object> meta,
    String rawData) {

  /** Expiry warnings up to panel 2.7 (one event per threshold). */
  public static final Set<String> LEGACY_EXPIRY_EVENTS =
      Set.of(
          "user.expires_in_72_hours",
          "user.expires_in_48_hours",
          "user.expires_in_24_hours",
          "user.expired_24_hours_ago");

  /** The single expiry event from panel 2.8 on, with details in {@code meta}. */
  public static final String EXPIRATION_EVENT = "user.expiration";

  /** Checks that no component is null and copies the map. */
  public PanelWebhookEvent {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(user, "user");
    meta = Map.copyOf(meta);
    Objects.requireNonNull(rawData, "rawData");
  }

  /**
   * Whether this is an expiry warning or notice, old style ({@code user.expires_in_72_hours} …) or
   * new ({@code user.expiration}).
   *
   * @return true for expiry events
   */
  public boolean isExpiryNotice() {
    return EXPIRATION_EVENT.equals(event) || LEGACY_EXPIRY_EVENTS.contains(event);
  }

  /**
   * For expiry events, the time from the event to the user's {@code expireAt}: positive before
   * expiry (about 72 h for {@code user.expires_in_72_hours}), negative after it (about -24 h for
   * {@code user.expired_24_hours_ago}). Computed from the user object, so it reads the same for the
   * old events and the new {@code user.expiration}.
   *
   * @return the time left, empty for other events or without a user object
   */
  public Optional<Duration> expiresIn() {
    if (!isExpiryNotice()) {
      return Optional.empty();
    }
    return user.map(u -> Duration.between(timestamp, u.expireAt()));
  }
}
