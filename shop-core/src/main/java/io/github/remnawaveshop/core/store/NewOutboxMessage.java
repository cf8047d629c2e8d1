package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job to enqueue with {@link OutboxRepository#enqueue}.
 *
 * @param kind what to do: 1 to 64 of {@code A-Z a-z 0-9 _ . : -}
 * @param dedupeKey unique key making the enqueue idempotent (e.g. {@code extend:payment:42})
 * @param payloadJson a JSON document
 * @param availableAt when it becomes due; empty for now
 */
public record NewOutboxMessage(
    String kind, Optional<String> dedupeKey, String payloadJson, Optional<Instant> availableAt) {
  private static final Pattern KIND = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Validates the fields. */
  public NewOutboxMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(payloadJson, "payloadJson");
    Objects.requireNonNull(availableAt, "availableAt");
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException(
          "kind must be 1 to 64 of A-Z a-z 0-9 _ . : - but was '" + kind + "'");
    }
    if (dedupeKey.isPresent() && (dedupeKey.get().isEmpty() || dedupeKey.get().length() > 255)) {
      throw new IllegalArgumentException(
          "dedupeKey must be 1 to 255 characters but had " + dedupeKey.get().length());
    }
    if (payloadJson.isBlank()) {
      throw new IllegalArgumentException("payloadJson must be a JSON document but was blank");
    }
  }

  /**
   * A job due now, without dedupe key.
   *
   * @param kind what to do
   * @param payloadJson its JSON payload
   * @return the job
   */
  public static NewOutboxMessage of(String kind, String payloadJson) {
    return new NewOutboxMessage(kind, Optional.empty(), payloadJson, Optional.empty());
  }

  /**
   * A copy with a dedupe key.
   *
   * @param key the unique key
   * @return the copy
   */
  public NewOutboxMessage withDedupeKey(String key) {
    return new NewOutboxMessage(kind, Optional.of(key), payloadJson, availableAt);
  }

  /**
   * A copy due at the given instant.
   *
   * @param at when it becomes due
   * @return the copy
   */
  public NewOutboxMessage withAvailableAt(Instant at) {
    return new NewOutboxMessage(kind, dedupeKey, payloadJson, Optional.of(at));
  }
}
