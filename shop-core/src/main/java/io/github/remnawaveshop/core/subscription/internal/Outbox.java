package io.github.remnawaveshop.core.subscription.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.store.NewOutboxMessage;
import io.github.remnawaveshop.core.store.ShopRepositories;
import java.util.Map;
import java.util.Optional;

/** Writes the engine's outbox jobs through the store, inside the caller's transaction. */
final class Outbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Payload field: the subscription's end the notice of a PROVISION job tells (ISO-8601). */
  static final String ENDS_AT = "noticeEndsAt";

  private Outbox() {}

  /**
   * Adds a job unless one with the same dedupe key exists.
   *
   * @return true if this call added it
   */
  static boolean enqueue(
      ShopRepositories tx, OutboxKind kind, String dedupeKey, Map<String, Object> payload) {
    return tx.outbox().enqueue(job(kind, dedupeKey, payload)).isPresent();
  }

  /** The job {@link #enqueue} adds: due now, with its dedupe key and the payload as JSON. */
  static NewOutboxMessage job(OutboxKind kind, String dedupeKey, Map<String, Object> payload) {
    String json;
    try {
      json = JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox payload cannot be written", e);
    }
    return new NewOutboxMessage(kind.wire, Optional.of(dedupeKey), json, Optional.empty());
  }

  static Map<String, Object> read(String payload) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = JSON.readValue(payload, Map.class);
      return map;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("outbox payload is not JSON", e);
    }
  }

  /**
   * A number field of a payload {@link #read}.
   *
   * @throws IllegalArgumentException naming the field when it is missing, null or not a number
   */
  static Number number(Map<String, Object> payload, String field) {
    Object value = payload.get(field);
    if (value instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException(
        "outbox payload field '"
            + field
            + "' is "
            + (value == null ? "missing" : "not a number: " + value));
  }
}
