package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} on Jdbi. */
final class JdbiUserRepository implements UserRepository {
  /** Advisory-lock names of user accounts: the store's namespace, then {@code account:<id>}. */
  static final String ACCOUNT_LOCK_PREFIX = JdbiStoreTransaction.LOCK_NAMESPACE + "account:";

  static final String SELECT = "SELECT " + Rows.USER + " FROM {s}.shop_users u ";
  private static final String REGISTER =
      "INSERT INTO {s}.shop_users AS u"
          + " (telegram_id, username, language, referral_code, referred_by, created_at, updated_at)"
          + " VALUES (:telegramId, :username, :language, :referralCode, :referredBy, :now, :now)"
          + " ON CONFLICT (telegram_id) DO UPDATE SET"
          + " username = COALESCE(EXCLUDED.username, u.username),"
          + " updated_at = CASE WHEN EXCLUDED.username IS NOT NULL AND EXCLUDED.username IS DISTINCT FROM u.username"
          + " THEN EXCLUDED.updated_at ELSE u.updated_at END"
          + " RETURNING "
          + Rows.USER
          + ", (xmax = 0) AS created";
  private static final String UPDATE_PREFIX =
      "UPDATE {s}.shop_users u SET updated_at = GREATEST(u.updated_at, :now), ";
  private static final String UPDATE_SUFFIX = " WHERE u.id = :id RETURNING " + Rows.USER;

  private final Db db;

  JdbiUserRepository(Db db) {
    this.db = db;
  }

  @Override
  public Registration register(NewUser user) {
    return db.with(
        "register user",
        h ->
            h.createQuery(db.sql(REGISTER))
                .bind("telegramId", user.telegramId())
                .bind("username", user.username().orElse(null))
                .bind("language", user.language())
                .bind("referralCode", user.referralCode())
                .bind("referredBy", user.referredBy().orElse(null))
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> new Registration(Rows.user(rs), rs.getBoolean("created")))
                .one());
  }

  @Override
  public Optional<User> findById(long id) {
    return findBy("u.id = :v", id);
  }

  @Override
  public Optional<User> findByTelegramId(long telegramId) {
    return findBy("u.telegram_id = :v", telegramId);
  }

  @Override
  public Optional<User> findByReferralCode(String referralCode) {
    return findBy("u.referral_code = :v", referralCode);
  }

  @Override
  public Optional<User> findByPanelUserUuid(UUID panelUserUuid) {
    // the engine records 2.x panel users by their uuid in panel_user_id too
    String sql =
        db.sql(
            SELECT
                + "WHERE u.panel_user_uuid = :v OR u.panel_user_id = :text ORDER BY u.id LIMIT 1");
    return db.with(
        "find user",
        h ->
            h.createQuery(sql)
                .bind("v", panelUserUuid)
                .bind("text", panelUserUuid.toString())
                .map((rs, ctx) -> Rows.user(rs))
                .findOne());
  }

  @Override
  public Optional<User> findByUsername(String username) {
    String name = username.startsWith("@") ? username.substring(1) : username;
    return findBy("lower(u.username) = :v", name.toLowerCase(Locale.ROOT));
  }

  private Optional<User> findBy(String where, Object value) {
    String sql = db.sql(SELECT + "WHERE " + where);
    return db.with(
        "find user",
        h -> h.createQuery(sql).bind("v", value).map((rs, ctx) -> Rows.user(rs)).findOne());
  }

  @Override
  public Optional<User> setLanguage(long id, String language) {
    NewUser.checkLanguage(language);
    return update("language = :v", id, language);
  }

  @Override
  public Optional<User> setBanned(long id, boolean banned) {
    return update("banned = :v", id, banned);
  }

  @Override
  public Optional<User> setPanelUserUuid(long id, UUID panelUserUuid) {
    return update("panel_user_uuid = :v", id, panelUserUuid);
  }

  private Optional<User> update(String set, long id, Object value) {
    String sql = db.sql(UPDATE_PREFIX + set + UPDATE_SUFFIX);
    return db.with(
        "update user",
        h ->
            h.createQuery(sql)
                .bind("v", value)
                .bind("id", id)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.user(rs))
                .findOne());
  }

  @Override
  public Page<User> list(PageRequest request) {
    String sql = db.sql(SELECT + "WHERE u.id < :before ORDER BY u.id DESC LIMIT :limit");
    return Cursors.pageById(
        db.with(
            "list users",
            h ->
                h.createQuery(sql)
                    .bind("before", Cursors.idBefore(request))
                    .bind("limit", request.size() + 1)
                    .map((rs, ctx) -> Rows.user(rs))
                    .list()),
        request.size(),
        User::id);
  }

  @Override
  public long countReferredBy(long referrerId) {
    String sql = db.sql("SELECT count(*) FROM {s}.shop_users WHERE referred_by = :id");
    return db.with(
        "count referred users",
        h -> h.createQuery(sql).bind("id", referrerId).mapTo(Long.class).one());
  }

  @Override
  public List<User> lockByIds(long... ids) {
    Long[] boxed = Arrays.stream(ids).boxed().toArray(Long[]::new);
    String sql = db.sql(SELECT + "WHERE u.id = ANY(:ids) ORDER BY u.id FOR UPDATE");
    return db.with(
        "lock users",
        h -> h.createQuery(sql).bind("ids", boxed).map((rs, ctx) -> Rows.user(rs)).list());
  }

  /**
   * The SQL taking the account lock of the user id {@code idExpression}; binds {@code :ns} to
   * {@link #ACCOUNT_LOCK_PREFIX}.
   */
  static String accountLock(String idExpression) {
    return "pg_advisory_xact_lock(hashtextextended(:ns || " + idExpression + ", 0))";
  }

  @Override
  public List<User> lockAccounts(long... ids) {
    Long[] boxed = Arrays.stream(ids).boxed().toArray(Long[]::new);
    // the locks are taken as the sorted ids flow out of the fenced subquery (OFFSET 0 keeps it
    // apart), so in
    // id order; the rows are read after
    String sql =
        db.sql(
            "SELECT "
                + Rows.USER
                + " FROM (SELECT i, "
                + accountLock("i")
                + " FROM (SELECT DISTINCT unnest(CAST(:ids AS bigint[])) AS i ORDER BY 1 OFFSET 0) sorted) l"
                + " JOIN {s}.shop_users u ON u.id = l.i ORDER BY u.id");
    return db.with(
        "lock user accounts",
        h ->
            h.createQuery(sql)
                .bind("ns", ACCOUNT_LOCK_PREFIX)
                .bind("ids", boxed)
                .map((rs, ctx) -> Rows.user(rs))
                .list());
  }

  @Override
  public Optional<User> updateProfile(long id, Optional<String> username, String language) {
    NewUser.checkLanguage(language);
    String sql =
        db.sql(
            UPDATE_PREFIX
                + "username = :name, language = :v, blocked_bot_at = NULL"
                + UPDATE_SUFFIX);
    return db.with(
        "update user",
        h ->
            h.createQuery(sql)
                .bind("name", username.orElse(null))
                .bind("v", language)
                .bind("id", id)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.user(rs))
                .findOne());
  }

  @Override
  public Optional<User> setPanelUserId(long id, String panelUserId) {
    Objects.requireNonNull(panelUserId, "panelUserId");
    if (panelUserId.isEmpty() || panelUserId.length() > 64) {
      throw new IllegalArgumentException(
          "panelUserId must be 1 to 64 characters but had " + panelUserId.length());
    }
    UUID uuid = null;
    try {
      uuid = UUID.fromString(panelUserId);
    } catch (IllegalArgumentException e) {
      // a 3.x numeric id: no uuid
    }
    String sql =
        db.sql(
            UPDATE_PREFIX
                + "panel_user_id = :v, panel_user_uuid = COALESCE(:uuid, u.panel_user_uuid)"
                + UPDATE_SUFFIX);
    UUID u = uuid;
    return db.with(
        "update user",
        h ->
            h.createQuery(sql)
                .bind("v", panelUserId)
                .bindByType("uuid", u, UUID.class)
                .bind("id", id)
                .bind("now", Db.ts(db.now()))
                .map((rs, ctx) -> Rows.user(rs))
                .findOne());
  }

  @Override
  public Optional<User> findByPanelUserId(String panelUserId) {
    return findBy("u.panel_user_id = :v", Objects.requireNonNull(panelUserId, "panelUserId"));
  }

  @Override
  public Optional<User> markBlockedBot(long telegramId, Instant at) {
    Objects.requireNonNull(at, "at");
    String sql =
        db.sql(
            "UPDATE {s}.shop_users u SET blocked_bot_at = COALESCE(u.blocked_bot_at, :at)"
                + " WHERE u.telegram_id = :t RETURNING "
                + Rows.USER);
    return db.with(
        "mark user blocked the bot",
        h ->
            h.createQuery(sql)
                .bind("at", Db.ts(Db.micros(at)))
                .bind("t", telegramId)
                .map((rs, ctx) -> Rows.user(rs))
                .findOne());
  }

  @Override
  public Optional<User> clearBlockedBot(long telegramId) {
    String sql =
        db.sql(
            "UPDATE {s}.shop_users u SET blocked_bot_at = NULL WHERE u.telegram_id = :t RETURNING "
                + Rows.USER);
    return db.with(
        "clear user blocked the bot",
        h -> h.createQuery(sql).bind("t", telegramId).map((rs, ctx) -> Rows.user(rs)).findOne());
  }

  @Override
  public UserStatistics statistics(Instant since, Instant now) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(now, "now");
    String sql =
        db.sql(
            "SELECT (SELECT count(*) FROM {s}.shop_users) AS total,"
                + " (SELECT count(*) FROM {s}.shop_users WHERE created_at >= :since) AS new_since,"
                + " (SELECT count(*) FROM {s}.shop_subscriptions WHERE status = 'ACTIVE' AND ends_at > :now) AS active,"
                + " (SELECT count(*) FROM {s}.shop_trial_grants) AS trials,"
                + " (SELECT count(*) FROM {s}.shop_subscriptions WHERE status = 'ACTIVE' AND trial AND ends_at > :now)"
                + " AS active_trials");
    return db.with(
        "count users",
        h ->
            h.createQuery(sql)
                .bind("since", Db.ts(since))
                .bind("now", Db.ts(now))
                .map(
                    (rs, ctx) ->
                        new UserStatistics(
                            rs.getLong("total"),
                            rs.getLong("new_since"),
                            rs.getLong("active"),
                            rs.getLong("trials"),
                            rs.getLong("active_trials")))
                .one());
  }

  @Override
  public long count() {
    String sql = db.sql("SELECT count(*) FROM {s}.shop_users");
    return db.with("count users", h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
