package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Objects;

/** {@link WebhookEventRepository} on Jdbi. */
final class JdbiWebhookEventRepository implements WebhookEventRepository {
  private final Db db;

  JdbiWebhookEventRepository(Db db) {
    this.db = db;
  }

  @Override
  public boolean markProcessed(String provider, String eventId) {
    NewPayment.checkProvider(provider);
    check(eventId);
    String sql =
        db.sql(
            "INSERT INTO {s}.shop_webhook_events (provider, event_id, received_at)"
                + " VALUES (:provider, :eventId, :now) ON CONFLICT DO NOTHING");
    return db.with(
            "mark webhook event processed",
            h ->
                h.createUpdate(sql)
                    .bind("provider", provider)
                    .bind("eventId", eventId)
                    .bind("now", Db.ts(db.now()))
                    .execute())
        == 1;
  }

  @Override
  public boolean isProcessed(String provider, String eventId) {
    String sql =
        db.sql(
            "SELECT EXISTS (SELECT 1 FROM {s}.shop_webhook_events WHERE provider = :provider AND event_id = :eventId)");
    return db.with(
        "find webhook event",
        h ->
            h.createQuery(sql)
                .bind("provider", Objects.requireNonNull(provider, "provider"))
                .bind("eventId", Objects.requireNonNull(eventId, "eventId"))
                .mapTo(Boolean.class)
                .one());
  }

  @Override
  public int pruneReceivedBefore(Instant before) {
    String sql = db.sql("DELETE FROM {s}.shop_webhook_events WHERE received_at < :before");
    return db.with(
        "prune webhook events",
        h ->
            h.createUpdate(sql)
                .bind("before", Db.ts(Objects.requireNonNull(before, "before")))
                .execute());
  }

  static void check(String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    if (eventId.isEmpty() || eventId.length() > 255) {
      throw new IllegalArgumentException(
          "eventId must be 1 to 255 characters but had " + eventId.length());
    }
  }
}
