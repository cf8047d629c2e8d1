package io.github.remnawaveshop.core.store;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's PostgreSQL store: schema migrations plus repositories of immutable records.
 *
 * <pre>{@code
 * ShopStore store = ShopStore.builder()
 *     .dataSource(pooledDataSource)   // e.g. HikariCP; the store never closes it
 *     .schema("public")
 *     .build();
 * store.migrate();                    // idempotent; run at start-up
 * Optional<SubscriptionView> mine = store.subscriptions().viewByTelegramId(telegramId);
 * store.inTransaction(tx -> {
 *   tx.payments().markPaid("stripe", sessionId, paidAt).ifPresent(payment -> { ... });
 *   return null;
 * });
 * }</pre>
 *
 * <p>Build one per data source and share it: it is immutable and thread-safe. The repositories it
 * returns run each call as its own statement on a connection borrowed from the data source; {@link
 * #inTransaction} gives repositories bound to one transaction. Tables are prefixed {@code shop_},
 * so the schema may be shared with the host application; Flyway's history table has its own name
 * ({@value #DEFAULT_HISTORY_TABLE} by default) beside the host's.
 */
public final class ShopStore implements ShopRepositories {
  /** The default name of the store's Flyway history table. */
  public static final String DEFAULT_HISTORY_TABLE = "shop_schema_history";

  /** Where the store's migrations live on the class path. */
  public static final String MIGRATIONS_LOCATION = "classpath:db/shop/migration";

  private static final Logger LOG = LoggerFactory.getLogger(ShopStore.class);
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final @Nullable DataSource dataSource;
  private final String schema;
  private final String historyTable;
  private final Clock clock;
  private final @Nullable Jdbi givenJdbi;
  private final Jdbi jdbi;
  private final Db db;
  private final Repositories repositories;

  private ShopStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.schema = builder.schema;
    this.historyTable = builder.historyTable;
    this.clock = builder.clock;
    this.givenJdbi = builder.jdbi;
    this.jdbi = builder.jdbi != null ? builder.jdbi : Jdbi.create(dataSource);
    jdbi.installPlugin(new PostgresPlugin());
    // SQL is written out in full: no template attributes, so '<' in SQL is just less-than
    jdbi.setTemplateEngine(TemplateEngine.NOP);
    // a Jdbi of our own has nothing on it that a single pooled statement needs a handle for
    this.db = Db.pooled(jdbi, builder.jdbi == null ? dataSource : null, schema, clock);
    this.repositories = new Repositories(db);
  }

  /** A builder; {@link Builder#dataSource} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this store's settings. */
  public Builder toBuilder() {
    Builder b = new Builder().schema(schema).historyTable(historyTable).clock(clock);
    b.dataSource = dataSource;
    b.jdbi = givenJdbi;
    return b;
  }

  /**
   * Brings the schema to the newest version the library knows, creating the schema if missing. Safe
   * to call on every start and from several instances at once (Flyway serialises them with a
   * PostgreSQL advisory lock); a no-op when up to date.
   *
   * @return what was done
   * @throws StoreException when a migration fails or the recorded history does not match the
   *     library's migrations (edited or unknown migrations)
   */
  public MigrationResult migrate() {
    if (dataSource == null) {
      throw new IllegalStateException(
          "migrate() needs the store built with dataSource(...), not only jdbi(...)");
    }
    try {
      Flyway flyway =
          Flyway.configure(ShopStore.class.getClassLoader())
              .dataSource(dataSource)
              .schemas(schema)
              .defaultSchema(schema)
              .createSchemas(true)
              .table(historyTable)
              .locations(MIGRATIONS_LOCATION)
              // a schema shared with the host application is not empty: start our history at
              // version 0
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .baselineDescription("shop store baseline")
              .validateMigrationNaming(true)
              .cleanDisabled(true)
              .load();
      MigrateResult result = flyway.migrate();
      List<String> applied =
          result.migrations.stream().map(m -> m.version + " " + m.description).toList();
      String current =
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : Optional.ofNullable(result.initialSchemaVersion).orElse("0");
      MigrationResult migration =
          new MigrationResult(
              schema,
              Optional.ofNullable(result.initialSchemaVersion).filter(v -> !v.isEmpty()),
              current,
              applied);
      LOG.info(
          "shop store schema '{}' at version {} ({} migrations applied)",
          schema,
          current,
          applied.size());
      return migration;
    } catch (FlywayException e) {
      StoreException translated = SqlErrors.translate("migrating shop schema '" + schema + "'", e);
      throw translated.getClass() == StoreException.class
          ? new StoreException(
              "migrating shop schema '" + schema + "' failed: " + e.getMessage(), null, e)
          : translated;
    }
  }

  /**
   * Runs work in one transaction (READ COMMITTED): commits when it returns, rolls back when it
   * throws. The repositories of the given {@link StoreTransaction} all use that transaction; so do
   * the store's own repositories when called on the same thread during the work (Jdbi hands the
   * open handle to nested calls).
   *
   * @param work the work
   * @param <R> its result type
   * @param <X> the checked exception it may throw, passed through unchanged
   * @return the work's result
   * @throws X what the work threw
   * @throws StoreException when the database failed (the transaction is rolled back)
   */
  public <R extends @Nullable Object, X extends Exception> R inTransaction(StoreCallback<R, X> work)
      throws X {
    Objects.requireNonNull(work, "work");
    try {
      return jdbi.inTransaction((Handle h) -> work.apply(new JdbiStoreTransaction(db.bind(h))));
    } catch (StoreException e) {
      throw e;
    } catch (org.jdbi.v3.core.JdbiException e) {
      throw SqlErrors.translate("transaction", e);
    }
  }

  /**
   * Runs work while holding a session-level advisory lock, if no one else holds it: a single runner
   * across instances (e.g. the expiry sweep). The lock holds one connection for the duration; the
   * work itself may use the store freely.
   *
   * @param lockName what is locked, e.g. {@code scheduler:expiry}
   * @param work the work
   * @param <R> its result type
   * @return the work's result, or empty when another session holds the lock
   * @throws StoreException when the database failed
   */
  public <R> Optional<R> tryExclusively(String lockName, Supplier<R> work) {
    String key = JdbiStoreTransaction.LOCK_NAMESPACE + Objects.requireNonNull(lockName, "lockName");
    Objects.requireNonNull(work, "work");
    return db.with(
        "run exclusively",
        h -> {
          boolean taken =
              h.createQuery("SELECT pg_try_advisory_lock(hashtextextended(:key, 0))")
                  .bind("key", key)
                  .mapTo(Boolean.class)
                  .one();
          if (!taken) {
            return Optional.<R>empty();
          }
          try {
            return Optional.of(work.get());
          } finally {
            h.createQuery("SELECT pg_advisory_unlock(hashtextextended(:key, 0))")
                .bind("key", key)
                .mapTo(Boolean.class)
                .one();
          }
        });
  }

  /**
   * Checks that the store's tables are reachable: the database answers and schema {@link #schema()}
   * holds the migrated shop tables. Cheap (one query); the engine calls it when it starts, so a
   * store pointed at the wrong schema fails there, with the schemas named, instead of at the first
   * purchase.
   *
   * @throws StoreException naming the store's schema, the connection's {@code current_schema()} and
   *     {@code search_path}, and the schemas where shop tables were found, when the tables are not
   *     there
   * @throws StoreUnavailableException when the database cannot be reached
   */
  public void checkTables() {
    db.with(
        "checking the shop tables",
        h -> {
          var found =
              h.createQuery(
                      "SELECT to_regclass(:table) IS NOT NULL AS here, current_schema() AS current, "
                          + "current_setting('search_path') AS path, (SELECT string_agg(DISTINCT table_schema, ', ') "
                          + "FROM information_schema.tables WHERE table_name = 'shop_users') AS elsewhere")
                  .bind("table", quoteIdentifier(schema) + ".shop_users")
                  .mapToMap()
                  .one();
          if (!Boolean.TRUE.equals(found.get("here"))) {
            Object elsewhere = found.get("elsewhere");
            throw new StoreException(
                "the shop tables are not in schema '"
                    + schema
                    + "' (currentSchema="
                    + found.get("current")
                    + ", search_path="
                    + found.get("path")
                    + "; shop tables found in "
                    + (elsewhere == null
                        ? "no schema: run ShopStore.migrate() first"
                        : "schema(s) " + elsewhere + ": set ShopStore.builder().schema(...) to it")
                    + ")",
                null,
                null);
          }
          return null;
        });
  }

  private static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** The store's database access, for tests in this package. */
  Db db() {
    return db;
  }

  /**
   * @return the schema the store's tables live in
   */
  public String schema() {
    return schema;
  }

  /**
   * @return the clock that stamps created/updated times
   */
  public Clock clock() {
    return clock;
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }

  @Override
  public PlanRepository plans() {
    return repositories.plans();
  }

  @Override
  public SubscriptionRepository subscriptions() {
    return repositories.subscriptions();
  }

  @Override
  public PaymentRepository payments() {
    return repositories.payments();
  }

  @Override
  public PromoCodeRepository promoCodes() {
    return repositories.promoCodes();
  }

  @Override
  public BroadcastRepository broadcasts() {
    return repositories.broadcasts();
  }

  @Override
  public ReferralRepository referrals() {
    return repositories.referrals();
  }

  @Override
  public OutboxRepository outbox() {
    return repositories.outbox();
  }

  @Override
  public WebhookEventRepository webhookEvents() {
    return repositories.webhookEvents();
  }

  @Override
  public String toString() {
    return "ShopStore[schema=" + schema + "]";
  }

  /** Settings of a {@link ShopStore}; not thread-safe. */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable Jdbi jdbi;
    private String schema = "public";
    private String historyTable = DEFAULT_HISTORY_TABLE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The database, required. Use a pooling data source in production; the store borrows a
     * connection per call (or per transaction) and never closes the data source.
     *
     * @param dataSource the data source
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * An existing Jdbi to run the repositories on (it gains the PostgreSQL plugin and the plain SQL
     * template engine), instead of one created over {@link #dataSource}. Without a data source too,
     * {@link ShopStore#migrate()} is refused.
     *
     * @param jdbi the Jdbi
     * @return this builder
     */
    public Builder jdbi(Jdbi jdbi) {
      this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
      return this;
    }

    /**
     * The schema of the store's tables; default {@code public}. Lower-case letters, digits and
     * {@code _}, at most 63 characters. Created by {@link #migrate()} when missing.
     *
     * @param schema the schema name
     * @return this builder
     */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * The name of Flyway's history table for the store; default {@value
     * ShopStore#DEFAULT_HISTORY_TABLE}. Never the host application's ({@code
     * flyway_schema_history}).
     *
     * @param table the table name
     * @return this builder
     */
    public Builder historyTable(String table) {
      this.historyTable = Objects.requireNonNull(table, "historyTable");
      return this;
    }

    /**
     * The clock stamping created/updated times and deciding validity (promo codes, outbox); default
     * the UTC system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates the settings and builds the store. Does not touch the database.
     *
     * @return the store
     */
    public ShopStore build() {
      if (dataSource == null && jdbi == null) {
        throw new IllegalStateException("dataSource is required");
      }
      if (!IDENTIFIER.matcher(schema).matches()) {
        throw new IllegalArgumentException(
            "schema must be lower-case letters, digits and _ (at most 63) but was '"
                + schema
                + "'");
      }
      if (!IDENTIFIER.matcher(historyTable).matches()) {
        throw new IllegalArgumentException(
            "historyTable must be lower-case letters, digits and _ (at most 63) but was '"
                + historyTable
                + "'");
      }
      if (historyTable.equals("flyway_schema_history")) {
        throw new IllegalArgumentException(
            "historyTable must not be 'flyway_schema_history', the host application's Flyway table");
      }
      return new ShopStore(this);
    }
  }
}
