package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code shop_broadcast_deliveries}: one recipient of a broadcast.
 *
 * @param broadcastId the broadcast
 * @param telegramId the recipient
 * @param state their state
 * @param error why it failed
 * @param updatedAt the last change
 */
public record BroadcastDelivery(
    long broadcastId,
    long telegramId,
    DeliveryState state,
    Optional<String> error,
    Instant updatedAt) {}
