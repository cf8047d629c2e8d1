package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A job written in the same transaction as the change that needs it (e.g. "extend the panel user
 * after this payment"), handled later by a worker, so a panel outage delays work but never loses
 * it.
 *
 * @param id the store's id
 * @param kind what to do, e.g. {@code panel.extend-user}
 * @param dedupeKey a unique key that makes enqueueing idempotent, if given
 * @param payloadJson the job's JSON payload
 * @param status life-cycle state
 * @param attempts how many times it was claimed; also the lease token for {@link
 *     OutboxRepository#complete}
 * @param availableAt when it is due next (for a claimed message: when its lease ends)
 * @param lastError the last failure's description
 * @param createdAt when enqueued
 * @param finishedAt when it became {@link OutboxStatus#DONE} or {@link OutboxStatus#DEAD}
 */
public record OutboxMessage(
    long id,
    String kind,
    Optional<String> dedupeKey,
    String payloadJson,
    OutboxStatus status,
    int attempts,
    Instant availableAt,
    Optional<String> lastError,
    Instant createdAt,
    Optional<Instant> finishedAt) {}
