package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code shop_broadcasts}: a message an admin sent to an audience.
 *
 * @param id the id
 * @param text the message (HTML)
 * @param buttonText the label of an optional URL button
 * @param buttonUrl the URL of that button
 * @param audience who it goes to
 * @param status where it stands
 * @param createdBy the admin's Telegram id
 * @param recipients how many recipients it had when it started
 * @param createdAt when it started
 * @param finishedAt when it ended
 */
public record Broadcast(
    long id,
    String text,
    Optional<String> buttonText,
    Optional<String> buttonUrl,
    BroadcastAudience audience,
    BroadcastStatus status,
    long createdBy,
    int recipients,
    Instant createdAt,
    Optional<Instant> finishedAt) {}
