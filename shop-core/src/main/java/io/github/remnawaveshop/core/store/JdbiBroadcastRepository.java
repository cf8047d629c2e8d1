package io.github.remnawaveshop.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link BroadcastRepository} on Jdbi. */
final class JdbiBroadcastRepository implements BroadcastRepository {
  private static final String COLUMNS =
      "b.id, b.text, b.button_text, b.button_url, b.audience, b.status, b.created_by,"
          + " b.recipients, b.created_at, b.finished_at";

  /** Users of an audience: never banned, never those who blocked the bot. */
  private static final Map<BroadcastAudience, String> AUDIENCE =
      Map.of(
          BroadcastAudience.ALL,
              "SELECT u.telegram_id FROM {s}.shop_users u WHERE NOT u.banned AND u.blocked_bot_at IS NULL AND u.created_at <= :now",
          BroadcastAudience.ACTIVE,
              "SELECT u.telegram_id FROM {s}.shop_users u WHERE NOT u.banned AND u.blocked_bot_at IS NULL AND u.created_at <= :now"
                  + " AND EXISTS (SELECT 1 FROM {s}.shop_subscriptions s WHERE s.user_id = u.id AND s.status = 'ACTIVE'"
                  + " AND s.ends_at > :now)",
          BroadcastAudience.EXPIRED,
              "SELECT u.telegram_id FROM {s}.shop_users u WHERE NOT u.banned AND u.blocked_bot_at IS NULL AND u.created_at <= :now"
                  + " AND EXISTS (SELECT 1 FROM {s}.shop_subscriptions s WHERE s.user_id = u.id)"
                  + " AND NOT EXISTS (SELECT 1 FROM {s}.shop_subscriptions s WHERE s.user_id = u.id AND s.status = 'ACTIVE'"
                  + " AND s.ends_at > :now)",
          BroadcastAudience.NEVER_PAID,
              "SELECT u.telegram_id FROM {s}.shop_users u WHERE NOT u.banned AND u.created_at <= :now"
                  + " AND u.blocked_bot_at IS NULL AND NOT EXISTS (SELECT 1 FROM {s}.shop_payments p WHERE p.user_id = u.id"
                  + " AND p.status IN ('PAID', 'REFUNDED'))");

  private final Db db;

  JdbiBroadcastRepository(Db db) {
    this.db = db;
  }

  @Override
  public Broadcast start(
      String text,
      Optional<String> buttonText,
      Optional<String> buttonUrl,
      BroadcastAudience audience,
      long createdBy) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(audience, "audience");
    if (text.isEmpty() || text.length() > 4096) {
      throw new IllegalArgumentException(
          "broadcast text must be 1-4096 characters; was " + text.length());
    }
    if (buttonText.isPresent() != buttonUrl.isPresent()) {
      throw new IllegalArgumentException("a broadcast button needs both a text and a URL");
    }
    String insert =
        db.sql(
            "INSERT INTO {s}.shop_broadcasts AS b (text, button_text, button_url, audience, status,"
                + " created_by, recipients, created_at) VALUES (:text, :buttonText, :buttonUrl, :audience, 'RUNNING', :by, 0,"
                + " :now) RETURNING b.id");
    String recipients =
        db.sql(
            "INSERT INTO {s}.shop_broadcast_deliveries (broadcast_id, telegram_id, state, updated_at)"
                + " SELECT :id, a.telegram_id, 'PENDING', :now FROM ("
                + AUDIENCE.get(audience)
                + ") a");
    String count =
        db.sql(
            "UPDATE {s}.shop_broadcasts b SET recipients = :n WHERE b.id = :id RETURNING "
                + COLUMNS);
    return db.atomically(
        "start broadcast",
        h -> {
          long id =
              h.createQuery(insert)
                  .bind("text", text)
                  .bind("buttonText", buttonText.orElse(null))
                  .bind("buttonUrl", buttonUrl.orElse(null))
                  .bind("audience", audience.name())
                  .bind("by", createdBy)
                  .bind("now", Db.ts(db.now()))
                  .mapTo(Long.class)
                  .one();
          int n = h.createUpdate(recipients).bind("id", id).bind("now", Db.ts(db.now())).execute();
          return h.createQuery(count).bind("n", n).bind("id", id).map((rs, ctx) -> row(rs)).one();
        });
  }

  @Override
  public Optional<Broadcast> findById(long id) {
    String sql = db.sql("SELECT " + COLUMNS + " FROM {s}.shop_broadcasts b WHERE b.id = :id");
    return db.with(
        "find broadcast",
        h -> h.createQuery(sql).bind("id", id).map((rs, ctx) -> row(rs)).findOne());
  }

  @Override
  public List<Broadcast> listRunning() {
    String sql =
        db.sql(
            "SELECT "
                + COLUMNS
                + " FROM {s}.shop_broadcasts b WHERE b.status = 'RUNNING' ORDER BY b.id");
    return db.with(
        "list running broadcasts", h -> h.createQuery(sql).map((rs, ctx) -> row(rs)).list());
  }

  @Override
  public long countAudience(BroadcastAudience audience) {
    String sql =
        db.sql(
            "SELECT count(*) FROM ("
                + AUDIENCE.get(Objects.requireNonNull(audience, "audience"))
                + ") a");
    return db.with(
        "count audience",
        h -> h.createQuery(sql).bind("now", Db.ts(db.now())).mapTo(Long.class).one());
  }

  @Override
  public List<Long> claimPending(long broadcastId, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1-10000; was " + limit);
    }
    String sql =
        db.sql(
            "UPDATE {s}.shop_broadcast_deliveries d SET state = 'SENDING', updated_at = :now"
                + " WHERE (d.broadcast_id, d.telegram_id) IN (SELECT p.broadcast_id, p.telegram_id"
                + " FROM {s}.shop_broadcast_deliveries p WHERE p.broadcast_id = :id AND p.state = 'PENDING'"
                + " ORDER BY p.telegram_id LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING d.telegram_id");
    List<Long> ids =
        db.with(
            "claim broadcast recipients",
            h ->
                h.createQuery(sql)
                    .bind("id", broadcastId)
                    .bind("limit", limit)
                    .bind("now", Db.ts(db.now()))
                    .mapTo(Long.class)
                    .list());
    return ids.stream().sorted().toList();
  }

  @Override
  public void recordOutcome(
      long broadcastId, long telegramId, DeliveryState state, Optional<String> error) {
    Objects.requireNonNull(state, "state");
    if (state == DeliveryState.PENDING || state == DeliveryState.SENDING) {
      throw new IllegalArgumentException("an outcome is SENT, BLOCKED or FAILED; was " + state);
    }
    String sql =
        db.sql(
            "UPDATE {s}.shop_broadcast_deliveries SET state = :state, error = :error, updated_at = :now"
                + " WHERE broadcast_id = :id AND telegram_id = :tid");
    db.with(
        "record broadcast outcome",
        h ->
            h.createUpdate(sql)
                .bind("state", state.name())
                .bind(
                    "error",
                    error.map(e -> e.length() > 500 ? e.substring(0, 500) : e).orElse(null))
                .bind("now", Db.ts(db.now()))
                .bind("id", broadcastId)
                .bind("tid", telegramId)
                .execute());
  }

  @Override
  public Map<DeliveryState, Long> counts(long broadcastId) {
    String sql =
        db.sql(
            "SELECT state, count(*) AS n FROM {s}.shop_broadcast_deliveries WHERE broadcast_id = :id"
                + " GROUP BY state");
    Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
    for (DeliveryState s : DeliveryState.values()) {
      counts.put(s, 0L);
    }
    db.with(
            "count broadcast outcomes",
            h ->
                h.createQuery(sql)
                    .bind("id", broadcastId)
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                DeliveryState.valueOf(rs.getString("state")), rs.getLong("n")))
                    .list())
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  @Override
  public Optional<Broadcast> finish(long broadcastId, BroadcastStatus status) {
    Objects.requireNonNull(status, "status");
    String interrupted =
        db.sql(
            "UPDATE {s}.shop_broadcast_deliveries SET state = 'FAILED',"
                + " error = 'interrupted while sending', updated_at = :now WHERE broadcast_id = :id AND state = 'SENDING'");
    String end =
        db.sql(
            "UPDATE {s}.shop_broadcasts b SET status = :status, finished_at = :now WHERE b.id = :id"
                + " RETURNING "
                + COLUMNS);
    return db.atomically(
        "finish broadcast",
        h -> {
          h.createUpdate(interrupted)
              .bind("id", broadcastId)
              .bind("now", Db.ts(db.now()))
              .execute();
          return h.createQuery(end)
              .bind("status", status.name())
              .bind("id", broadcastId)
              .bind("now", Db.ts(db.now()))
              .map((rs, ctx) -> row(rs))
              .findOne();
        });
  }

  private static Broadcast row(ResultSet rs) throws SQLException {
    return new Broadcast(
        rs.getLong("id"),
        rs.getString("text"),
        Optional.ofNullable(rs.getString("button_text")),
        Optional.ofNullable(rs.getString("button_url")),
        BroadcastAudience.valueOf(rs.getString("audience")),
        BroadcastStatus.valueOf(rs.getString("status")),
        rs.getLong("created_by"),
        rs.getInt("recipients"),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(rs.getTimestamp("finished_at")).map(java.sql.Timestamp::toInstant));
  }
}
