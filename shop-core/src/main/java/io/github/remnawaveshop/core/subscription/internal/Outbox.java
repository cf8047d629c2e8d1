package io.github.remnawaveshop.core.subscription.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Writes outbox jobs, always inside the caller's transaction. */
final class Outbox {
  static final String PROVISION = "panel.provision";
  static final String REMINDER = "notify.reminder";
  static final String NOTICE = "notify.notice";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Outbox() {}

  /**
   * Adds a job unless one with the same dedupe key exists.
   *
   * @return true if this call added it
   */
  static boolean enqueue(Handle h, String kind, String dedupeKey, Map<String, Object> payload, Instant now) {
    String json;
    try {
      json = JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox payload cannot be written", e);
    }
    return h.createUpdate("INSERT INTO shop_outbox (kind, dedupe_key, payload, status, attempts, available_at, created_at) "
            + "VALUES (:kind, :key, CAST(:payload AS jsonb), 'PENDING', 0, :now, :now) "
            + "ON CONFLICT (dedupe_key) DO NOTHING")
        .bind("kind", kind).bind("key", dedupeKey).bind("payload", json).bind("now", Sql.ts(now))
        .execute() == 1;
  }

  static Map<String, Object> read(String payload) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = JSON.readValue(payload, Map.class);
      return map;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox payload is not JSON", e);
    }
  }
}
