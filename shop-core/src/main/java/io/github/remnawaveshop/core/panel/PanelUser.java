package io.github.remnawaveshop.core.panel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A user as the panel returns it. Fields the SDK does not know are ignored; secrets the panel
 * returns (VLESS UUID, Trojan and Shadowsocks passwords) are deliberately not kept.
 *
 * @param id the identifier the client uses in paths: the numeric {@code id} on panel 3.x (as a
 *     decimal string), the {@code uuid} on panel 2.x
 * @param uuid the 2.x {@code uuid}; empty on 3.x
 * @param shortUuid the subscription's short UUID (changes on revoke)
 * @param username unique user name on the panel
 * @param status the access status
 * @param trafficLimitBytes traffic limit, 0 = unlimited
 * @param trafficLimitStrategy when used traffic resets
 * @param expireAt when access ends
 * @param telegramId the Telegram user id, if set
 * @param email the e-mail, if set
 * @param description free text, if set
 * @param tag the tag ({@code ^[A-Z0-9_]{1,16}$}), if set
 * @param hwidDeviceLimit device limit, if set
 * @param externalSquadUuid the external squad, if set
 * @param subscriptionUrl the subscription link to give the customer
 * @param activeInternalSquads UUIDs of the internal squads the user is in (unmodifiable)
 * @param traffic traffic figures
 * @param subRevokedAt when the subscription link was last revoked
 * @param lastTrafficResetAt when traffic was last reset
 * @param createdAt creation time
 * @param updatedAt last update time
 */
public record PanelUser(
    String id,
    Optional<String> uuid,
    String shortUuid,
    String username,
    UserStatus status,
    long trafficLimitBytes,
    TrafficLimitStrategy trafficLimitStrategy,
    Instant expireAt,
    OptionalLong telegramId,
    Optional<String> email,
    Optional<String> description,
    Optional<String> tag,
    OptionalInt hwidDeviceLimit,
    Optional<String> externalSquadUuid,
    Optional<String> subscriptionUrl,
    List<String> activeInternalSquads,
    UserTraffic traffic,
    Optional<Instant> subRevokedAt,
    Optional<Instant> lastTrafficResetAt,
    Optional<Instant> createdAt,
    Optional<Instant> updatedAt) {

  /** Checks that no component is null and copies the list. */
  public PanelUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(shortUuid, "shortUuid");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(trafficLimitStrategy, "trafficLimitStrategy");
    Objects.requireNonNull(expireAt, "expireAt");
    Objects.requireNonNull(telegramId, "telegramId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(hwidDeviceLimit, "hwidDeviceLimit");
    Objects.requireNonNull(externalSquadUuid, "externalSquadUuid");
    Objects.requireNonNull(subscriptionUrl, "subscriptionUrl");
    activeInternalSquads = List.copyOf(activeInternalSquads);
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(subRevokedAt, "subRevokedAt");
    Objects.requireNonNull(lastTrafficResetAt, "lastTrafficResetAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
