package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.core.panel.PanelWebhookEvent;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentEventSink;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import io.github.remnawaveshop.core.payment.PaymentRouter;
import io.github.remnawaveshop.core.payment.PaymentWebhooks;
import io.github.remnawaveshop.core.payment.RoutingRequest;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.core.store.PageRequest;
import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.store.StoreException;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.store.UserStatistics;
import io.github.remnawaveshop.core.subscription.internal.Accounts;
import io.github.remnawaveshop.core.subscription.internal.EngineContext;
import io.github.remnawaveshop.core.subscription.internal.Jobs;
import io.github.remnawaveshop.core.subscription.internal.OutboxWorker;
import io.github.remnawaveshop.core.subscription.internal.PanelEvents;
import io.github.remnawaveshop.core.subscription.internal.PaymentApplier;
import io.github.remnawaveshop.core.subscription.internal.Purchases;
import io.github.remnawaveshop.core.subscription.internal.Views;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's subscription engine: catalog, trials, purchases with promo codes and referral rewards,
 * exactly-once crediting of payments, panel provisioning through an outbox, refunds, expiry
 * reminders, automatic renewal and reconciliation with the panel. One facade over small
 * collaborating parts.
 *
 * <pre>{@code
 * SubscriptionEngine engine = SubscriptionEngine.builder()
 *     .store(store)                   // the migrated shop store (or .dataSource(pool))
 *     .panel(panel)
 *     .gateways(gateways)
 *     .notifier(telegramNotifier)     // default: logs
 *     .reminderDays(3, 1, 0)
 *     .build();
 * engine.start();                     // outbox worker and jobs, on the engine's own thread
 * PaymentWebhooks webhooks = engine.webhooks();  // mount on POST /webhooks/payments/{gatewayId}
 * // at shutdown: engine.stop() — or register it: ShopLifecycle.builder().component(engine)
 * }</pre>
 *
 * <p>As a {@link Managed} component, {@link #start()} schedules the background work on the executor
 * given to {@link Builder#executor} or, by default, on one daemon thread the engine creates and
 * {@link #stop()} shuts down. {@link #start(ScheduledExecutorService)} is the same on a caller's
 * executor.
 *
 * <p>Thread-safe; build once and share. Every method that changes data does so in one database
 * transaction and can be called from any number of threads and instances: payment facts are applied
 * at most once (see {@link #applyPayment}), outbox jobs are leased with {@code FOR UPDATE SKIP
 * LOCKED} (and no connection is held while the panel is called), and the jobs take PostgreSQL
 * advisory locks and write rows with unique keys. Database failures surface as the store's
 * exceptions: {@link io.github.remnawaveshop.core.store.StoreUnavailableException} when the
 * database cannot be reached (the one outage type of the SDK; nothing was changed, retry later),
 * another {@link StoreException} when it refused the work.
 */
public final class SubscriptionEngine implements PaymentEventSink, Managed, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionEngine.class);

  private final EngineContext ctx;
  private final Accounts accounts;
  private final Purchases purchases;
  private final PaymentApplier applier;
  private final OutboxWorker worker;
  private final Jobs jobs;
  private final PanelEvents panelEvents;
  private final PaymentWebhooks webhooks;
  private final CatalogSource catalog;
  private final Duration outboxInterval;
  private final Duration jobInterval;
  private final Duration reconcileInterval;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
  private final @Nullable ScheduledExecutorService givenExecutor;
  private @Nullable ScheduledExecutorService ownedExecutor;

  private SubscriptionEngine(EngineContext ctx, Builder config) {
    this.ctx = ctx;
    this.outboxInterval = config.outboxInterval;
    this.jobInterval = config.jobInterval;
    this.reconcileInterval = config.reconcileInterval;
    this.accounts = new Accounts(ctx);
    this.purchases = new Purchases(ctx);
    this.applier = new PaymentApplier(ctx);
    this.worker = new OutboxWorker(ctx);
    this.jobs = new Jobs(ctx);
    this.panelEvents = new PanelEvents(ctx, config.panelExpiryReminders);
    this.webhooks = PaymentWebhooks.builder().gateways(ctx.gateways()).sink(this).build();
    this.catalog = config.catalogSource;
    this.givenExecutor = config.executor;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- users and catalog

  /**
   * Registers a user (first contact, {@code /start}) or refreshes their name and language. A
   * referral code names the referrer; it counts only on the first registration.
   */
  public ShopUser registerUser(
      long telegramId, Optional<String> username, String language, Optional<String> referralCode) {
    return Views.user(accounts.register(telegramId, username, language, referralCode));
  }

  /**
   * Finds a user by Telegram username (with or without {@code @}, any case) or, when the text is a
   * number, by Telegram id: for admin screens.
   *
   * @param usernameOrId {@code @name}, {@code name} or a Telegram id
   * @return the user, if known
   */
  public Optional<ShopUser> findUser(String usernameOrId) {
    Objects.requireNonNull(usernameOrId, "usernameOrId");
    String text = usernameOrId.strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.chars().allMatch(Character::isDigit) && text.length() < 19) {
      Optional<User> byId = ctx.store().users().findByTelegramId(Long.parseLong(text));
      if (byId.isPresent()) {
        return byId.map(Views::user);
      }
    }
    return ctx.store().users().findByUsername(text).map(Views::user);
  }

  /**
   * Bans or unbans a user. A banned user is refused trials, purchases and promo codes ({@link
   * BannedUserException}); payments already made are still credited.
   *
   * @param telegramId the user's Telegram id
   * @param banned the flag
   * @return the user after the change
   * @throws NotFoundException for an unknown user
   */
  public ShopUser setBanned(long telegramId, boolean banned) {
    User user =
        ctx.store()
            .users()
            .findByTelegramId(telegramId)
            .orElseThrow(
                () -> new NotFoundException("no shop user with Telegram id " + telegramId));
    log.info("User {} {}", telegramId, banned ? "banned" : "unbanned");
    return Views.user(ctx.store().users().setBanned(user.id(), banned).orElse(user));
  }

  /**
   * Records that the user blocked the bot (Telegram answered 403): reminders and notices skip them
   * until they write to the bot again ({@link #registerUser} or {@link #clearBlockedBot} clears
   * it). Their subscription and panel access are unchanged.
   *
   * @param telegramId the user's Telegram id
   * @return true when the user is known
   */
  public boolean markBlockedBot(long telegramId) {
    return ctx.store().users().markBlockedBot(telegramId, ctx.now()).isPresent();
  }

  /**
   * Clears {@link #markBlockedBot}.
   *
   * @param telegramId the user's Telegram id
   * @return true when the user is known
   */
  public boolean clearBlockedBot(long telegramId) {
    return ctx.store().users().clearBlockedBot(telegramId).isPresent();
  }

  /**
   * An admin's gift of days: added to the user's access like a payment's days (extending the active
   * subscription, or opening one), and sent to the panel through the outbox like any credit. Also
   * for banned users (an admin decides). The user gets an {@link Notice.Kind#ACCESS_RESTORED}
   * notice.
   *
   * @param telegramId the user's Telegram id
   * @param days 1 to 36600
   * @param reason why (logged)
   * @return the subscription after the gift
   * @throws NotFoundException for an unknown user
   */
  public Subscription extend(long telegramId, int days, String reason) {
    Subscription s = Views.subscription(accounts.extend(telegramId, days, reason));
    log.info(
        "User {} was given {} days ({}); access until {}", telegramId, days, reason, s.endsAt());
    return s;
  }

  /**
   * The user's latest payments (any status), newest first: for admin screens and "my payments".
   *
   * @param telegramId the user's Telegram id
   * @param limit 1 to 100
   * @return the payments (unmodifiable), empty for an unknown user
   */
  public List<Payment> recentPayments(long telegramId, int limit) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be between 1 and 100; was " + limit);
    }
    return ctx.store()
        .users()
        .findByTelegramId(telegramId)
        .map(u -> ctx.store().payments().listByUser(u.id(), PageRequest.first(limit)).items())
        .map(List::copyOf)
        .orElse(List.of());
  }

  /**
   * Shop figures for admin screens, each group in one query: users (total, registered since {@code
   * since}, with an active subscription now, trials granted and running) and revenue per currency
   * of payments paid since {@code since} and not refunded.
   *
   * @param since the start of the period (e.g. 24 hours ago)
   * @return the figures
   */
  public ShopStatistics statistics(Instant since) {
    Objects.requireNonNull(since, "since");
    Instant now = ctx.now();
    UserStatistics users = ctx.store().users().statistics(since, now);
    Map<String, Money> revenue = new LinkedHashMap<>();
    ctx.store().payments().revenueSince(since).forEach(m -> revenue.put(m.currency(), m));
    return new ShopStatistics(
        since,
        now,
        users.total(),
        users.newSince(),
        users.withActiveSubscription(),
        users.trialsGranted(),
        users.activeTrials(),
        revenue);
  }

  /** Active plans in display order, through the catalog source (a cache when configured). */
  public List<Plan> catalog() {
    return catalog.plans(purchases::loadCatalog);
  }

  /** An active plan by code. */
  public Optional<Plan> plan(String code) {
    return catalog().stream().filter(p -> p.code().equals(code)).findFirst();
  }

  /** The user's subscription that is active now, if any. */
  public Optional<Subscription> activeSubscription(long telegramId) {
    Instant now = ctx.now();
    return ctx.store()
        .users()
        .findByTelegramId(telegramId)
        .flatMap(u -> ctx.store().subscriptions().findActiveByUserId(u.id()))
        .filter(s -> s.endsAt().isAfter(now))
        .map(Views::subscription);
  }

  // ---- trial, promo codes, purchases

  /**
   * Grants the trial: once per user, only to a user without current access.
   *
   * @throws TrialNotAvailableException when not possible
   */
  public Subscription startTrial(long telegramId) {
    return Views.subscription(accounts.startTrial(telegramId));
  }

  /**
   * Redeems a bonus-days promo code without a purchase; race-free against the code's limits.
   *
   * @throws PromoCodeRejectedException when the code cannot be used
   */
  public Subscription redeemPromoCode(long telegramId, String code) {
    return Views.subscription(accounts.redeemPromo(telegramId, code));
  }

  /**
   * Prices a plan for a user, with a promo code checked (not used).
   *
   * @throws NotFoundException for an unknown user or plan, or a currency the plan is not sold in
   * @throws PromoCodeRejectedException when the code cannot be used
   */
  public Quote quote(
      long telegramId, String planCode, String currency, Optional<String> promoCode) {
    return purchases.quote(telegramId, planCode, currency, promoCode);
  }

  /** The gateways offered to a user for an amount, best first. */
  public List<PaymentGateway> paymentOptions(
      long telegramId, Money amount, Optional<String> country) {
    String language =
        ctx.store().users().findByTelegramId(telegramId).map(User::language).orElse("en");
    return ctx.router().offer(new RoutingRequest(amount, language, country, Optional.empty()));
  }

  /**
   * Starts a purchase: a pending order (payment row) is recorded, then the routed gateway creates a
   * checkout. The order is credited when its payment event arrives ({@link #webhooks()} or {@link
   * #applyPayment}).
   *
   * @throws PurchaseException when no gateway can take it or the gateway fails (the order is
   *     cancelled)
   */
  public Purchase purchase(PurchaseRequest request) {
    return purchases.purchase(request);
  }

  // ---- payments

  /**
   * Applies a verified payment fact in ONE transaction: the delivery is remembered by its provider
   * event id, the payment row becomes paid (guarded by its row lock, its status and {@code UNIQUE
   * (provider, external_id)}), the subscription is extended from max(now, current end), promo
   * activation and referral reward are recorded and an outbox job asks for panel provisioning. A
   * second delivery of the same event, or another event about the same payment, changes nothing
   * ({@link ApplyResult.Outcome#DUPLICATE}). Refunds take the payment's days back (never below
   * now).
   *
   * @throws io.github.remnawaveshop.core.store.StoreUnavailableException when the database cannot
   *     be reached; nothing was changed
   */
  public ApplyResult applyPayment(PaymentEvent event) {
    return applier.apply(event);
  }

  /** {@link PaymentEventSink} for {@link PaymentWebhooks}: deduplicates and applies. */
  @Override
  public ApplyResult apply(String gatewayId, VerifiedNotification notification) {
    return applier.apply(gatewayId, notification);
  }

  /** The payment webhook handler over this engine's gateways. */
  public PaymentWebhooks webhooks() {
    return webhooks;
  }

  /** The payment router. */
  public PaymentRouter router() {
    return ctx.router();
  }

  // ---- panel events

  /**
   * Feeds a verified panel webhook event (from {@link
   * io.github.remnawaveshop.core.panel.PanelWebhooks}): {@code user.deleted} of a user with paid
   * time re-provisions or flags by {@link PanelDeletionPolicy}; expiry events plan a reminder when
   * {@link Builder#panelExpiryReminders} is on. Redeliveries are ignored.
   *
   * @return true if the event caused an action
   */
  public boolean onPanelEvent(PanelWebhookEvent event) {
    return panelEvents.handle(event);
  }

  // ---- background work

  /**
   * Processes due outbox jobs (panel provisioning, reminders) until none is due or a batch is done.
   *
   * @return jobs attempted
   */
  public int runOutbox() {
    return worker.runOnce();
  }

  /**
   * Plans due expiry reminders (sent by the outbox worker); returns how many were newly planned.
   */
  public int planReminders() {
    return jobs.planReminders();
  }

  /** Starts due automatic renewals; returns how many charges were started. */
  public int renewDue() {
    return jobs.renewDue();
  }

  /**
   * Cancels orders whose checkout stayed unpaid for 24 hours and releases the promo code
   * activations they reserved (scheduled with the other jobs by {@link #start}). A payment that
   * still arrives for such an order is credited all the same.
   *
   * @return orders cancelled
   */
  public int expireStaleOrders() {
    return jobs.expireStaleOrders();
  }

  /**
   * Compares paid time with the panel and queues repairs (see {@code docs/subscriptions.md} for the
   * policy).
   */
  public ReconcileReport reconcile() {
    return jobs.reconcile();
  }

  /**
   * Runs the outbox worker and the jobs on an executor at the builder's intervals until {@link
   * #close()}. Failures are logged; the next run tries again. The executor stays the caller's.
   * First checks that the store's tables are reachable ({@link ShopStore#checkTables()}), so a
   * store pointed at the wrong schema fails here, naming the schemas, not at the first purchase.
   *
   * @throws StoreException when the shop tables are not in the store's schema (the message names
   *     it, the connection's {@code currentSchema} and where shop tables were found)
   * @throws io.github.remnawaveshop.core.store.StoreUnavailableException when the database cannot
   *     be reached
   */
  public synchronized void start(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    if (!scheduled.isEmpty()) {
      throw new IllegalStateException("engine already started");
    }
    ctx.store().checkTables();
    scheduled.add(every(executor, outboxInterval, "outbox", this::runOutbox));
    scheduled.add(
        every(
            executor,
            jobInterval,
            "reminders",
            () -> {
              planReminders();
              renewDue();
              expireStaleOrders();
            }));
    scheduled.add(every(executor, reconcileInterval, "reconciliation", this::reconcile));
  }

  /**
   * Runs {@code task} now and then {@code interval} after each run ends. A throwable escaping a
   * scheduled task silently cancels every later run, so each failure is caught and logged here with
   * its stack trace, and the schedule goes on: a {@link RuntimeException} at WARN, any other {@link
   * Error} (an {@link AssertionError}, a {@link LinkageError} from a bad jar) at ERROR. A {@link
   * VirtualMachineError} ({@link OutOfMemoryError}, {@link InternalError}, {@link
   * StackOverflowError}) is logged at ERROR and rethrown: the JVM may no longer run anything
   * reliably, and retrying every interval would only hide that; the schedule then ends and the
   * returned future holds the error.
   */
  static ScheduledFuture<?> every(
      ScheduledExecutorService executor, Duration interval, String name, Runnable task) {
    return executor.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("Engine {} run failed; next run in {}", name, interval, e);
          } catch (VirtualMachineError e) {
            log.error(
                "Engine {} run failed with {}; the JVM may be unusable, so this schedule ends",
                name,
                e,
                e);
            throw e;
          } catch (Error e) {
            log.error("Engine {} run failed with an error; next run in {}", name, interval, e);
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** {@code "subscription-engine"}, for the lifecycle's logs. */
  @Override
  public String name() {
    return "subscription-engine";
  }

  /**
   * {@link Managed#start()}: runs the outbox worker and the jobs like {@link
   * #start(ScheduledExecutorService)} on the {@link Builder#executor} or, when none was given, on
   * one daemon thread the engine creates (and {@link #stop()} shuts down).
   *
   * @throws IllegalStateException when already started
   */
  @Override
  public synchronized void start() {
    if (!scheduled.isEmpty()) {
      throw new IllegalStateException("engine already started");
    }
    ScheduledExecutorService executor = givenExecutor;
    if (executor == null) {
      ownedExecutor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "shop-engine");
                t.setDaemon(true);
                return t;
              });
      executor = ownedExecutor;
    }
    try {
      start(executor);
    } catch (RuntimeException e) {
      if (ownedExecutor != null) {
        ownedExecutor.shutdownNow();
        ownedExecutor = null;
      }
      throw e;
    }
  }

  /**
   * {@link Managed#stop()}: stops the scheduled runs and, when the engine created its executor,
   * shuts it down and waits up to 4 seconds (inside ShopLifecycle's default 5 s stop timeout) for a
   * running batch to finish. Same as {@link #close()}.
   */
  @Override
  public void stop() {
    close();
  }

  /**
   * Stops the scheduled runs (running ones finish; an executor the engine created is shut down and
   * awaited for up to 4 seconds; an interrupted batch's jobs are claimed again later); does not
   * close the store, the panel or an executor given to it. Idempotent.
   */
  @Override
  public synchronized void close() {
    scheduled.forEach(f -> f.cancel(false));
    scheduled.clear();
    ScheduledExecutorService owned = ownedExecutor;
    ownedExecutor = null;
    if (owned != null) {
      owned.shutdown();
      try {
        if (!owned.awaitTermination(4, TimeUnit.SECONDS)) {
          log.warn(
              "Engine background work did not finish within 4 s; interrupting it (its jobs are claimed again later)");
          owned.shutdownNow();
        }
      } catch (InterruptedException e) {
        owned.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "SubscriptionEngine[gateways=" + ctx.gateways() + "]";
  }

  /**
   * Where the catalog comes from: given the database loader, return the plans. Plug a cache here
   * (e.g. a {@code CacheLayer} region with a TTL); the default calls the loader every time.
   */
  @FunctionalInterface
  public interface CatalogSource {
    /**
     * The active plans.
     *
     * @param loader reads them from the database
     * @return the plans, in display order
     */
    List<Plan> plans(Supplier<List<Plan>> loader);
  }

  /** Builder of {@link SubscriptionEngine}; not thread-safe. */
  public static final class Builder {
    private @Nullable ShopStore store;
    private ShopStore.@Nullable Builder storeBuilder;
    private @Nullable RemnawavePanel panel;
    private @Nullable PaymentGateways gateways;
    private @Nullable PaymentRouter router;
    private Clock clock = Clock.systemUTC();
    private Notifier notifier = Notifier.logging();
    private TrialSettings trial = TrialSettings.defaults();
    private ReferralSettings referrals = ReferralSettings.defaults();
    private List<Integer> reminderDays = List.of(3, 1, 0);
    private int renewalLeadDays = 1;
    private OutboxSettings outbox = OutboxSettings.defaults();
    private String panelUsernamePrefix = "tg_";
    private Supplier<String> orderIds =
        () -> "ord_" + UUID.randomUUID().toString().replace("-", "");
    private PanelDeletionPolicy deletionPolicy = PanelDeletionPolicy.REPROVISION;
    private boolean panelExpiryReminders;
    private CatalogSource catalogSource = Supplier::get;
    private Duration outboxInterval = Duration.ofSeconds(2);
    private Duration jobInterval = Duration.ofMinutes(15);
    private Duration reconcileInterval = Duration.ofHours(6);
    private @Nullable ScheduledExecutorService executor;

    private Builder() {}

    /**
     * The executor {@link SubscriptionEngine#start()} schedules the background work on; it stays
     * the caller's (not shut down by {@link SubscriptionEngine#stop()}). Default: the engine
     * creates one daemon thread and shuts it down at stop.
     */
    public Builder executor(ScheduledExecutorService value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * The migrated shop store (required, or {@link #dataSource} / {@link #jdbi}): every table is
     * read and written through its repositories, in its schema. The engine uses it with the
     * engine's clock.
     */
    public Builder store(ShopStore value) {
      this.store = Objects.requireNonNull(value, "store");
      this.storeBuilder = null;
      return this;
    }

    /** The Jdbi of the migrated shop store in schema {@code public} (or use {@link #store}). */
    public Builder jdbi(Jdbi value) {
      this.storeBuilder = ShopStore.builder().jdbi(Objects.requireNonNull(value, "jdbi"));
      this.store = null;
      return this;
    }

    /**
     * A data source of the migrated shop store in schema {@code public} (pooled: the engine opens
     * many short transactions); for another schema use {@link #store}.
     */
    public Builder dataSource(DataSource value) {
      this.storeBuilder =
          ShopStore.builder().dataSource(Objects.requireNonNull(value, "dataSource"));
      this.store = null;
      return this;
    }

    /** The panel client (required). */
    public Builder panel(RemnawavePanel value) {
      this.panel = Objects.requireNonNull(value, "panel");
      return this;
    }

    /** The payment gateways (default none). */
    public Builder gateways(PaymentGateways value) {
      this.gateways = Objects.requireNonNull(value, "gateways");
      return this;
    }

    /** The payment router (default: every gateway, in their order, no rules). */
    public Builder router(PaymentRouter value) {
      this.router = Objects.requireNonNull(value, "router");
      return this;
    }

    /** The clock (default system UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Where user notices go (default: {@link Notifier#logging()}). */
    public Builder notifier(Notifier value) {
      this.notifier = Objects.requireNonNull(value, "notifier");
      return this;
    }

    /** Trial settings (default {@link TrialSettings#defaults()}). */
    public Builder trial(TrialSettings value) {
      this.trial = Objects.requireNonNull(value, "trial");
      return this;
    }

    /** Referral settings (default {@link ReferralSettings#defaults()}). */
    public Builder referrals(ReferralSettings value) {
      this.referrals = Objects.requireNonNull(value, "referrals");
      return this;
    }

    /**
     * Days before the end at which expiry reminders go out (default 3, 1, 0); none switches them
     * off.
     */
    public Builder reminderDays(int... days) {
      List<Integer> list = new ArrayList<>();
      for (int d : days) {
        if (d < 0 || d > 60) {
          throw new IllegalArgumentException("reminderDays must be between 0 and 60; was " + d);
        }
        if (list.contains(d)) {
          throw new IllegalArgumentException(
              "reminderDays lists " + d + " twice: " + Arrays.toString(days));
        }
        list.add(d);
      }
      this.reminderDays = List.copyOf(list);
      return this;
    }

    /** Days before the end at which automatic renewal is attempted (default 1). */
    public Builder renewalLeadDays(int value) {
      if (value < 0 || value > 30) {
        throw new IllegalArgumentException(
            "renewalLeadDays must be between 0 and 30; was " + value);
      }
      this.renewalLeadDays = value;
      return this;
    }

    /** Outbox retry settings (default {@link OutboxSettings#defaults()}). */
    public Builder outbox(OutboxSettings value) {
      this.outbox = Objects.requireNonNull(value, "outbox");
      return this;
    }

    /** Prefix of panel user names, followed by the Telegram id (default {@code tg_}). */
    public Builder panelUsernamePrefix(String value) {
      Objects.requireNonNull(value, "panelUsernamePrefix");
      if (!value.matches("[A-Za-z0-9_-]{1,15}")) {
        throw new IllegalArgumentException(
            "panelUsernamePrefix must be 1-15 of [A-Za-z0-9_-]; was '" + value + "'");
      }
      this.panelUsernamePrefix = value;
      return this;
    }

    /**
     * Source of new order references (default {@code ord_} and a random UUID); must give unique
     * values.
     */
    public Builder orderIds(Supplier<String> value) {
      this.orderIds = Objects.requireNonNull(value, "orderIds");
      return this;
    }

    /**
     * What to do when the panel reports a paying user deleted (default {@link
     * PanelDeletionPolicy#REPROVISION}).
     */
    public Builder panelDeletionPolicy(PanelDeletionPolicy value) {
      this.deletionPolicy = Objects.requireNonNull(value, "panelDeletionPolicy");
      return this;
    }

    /**
     * Whether the panel's expiry webhook events plan a reminder too (default off: the engine plans
     * its own).
     */
    public Builder panelExpiryReminders(boolean value) {
      this.panelExpiryReminders = value;
      return this;
    }

    /** Where the catalog is read through, e.g. a cache (default: the database every time). */
    public Builder catalogSource(CatalogSource value) {
      this.catalogSource = Objects.requireNonNull(value, "catalogSource");
      return this;
    }

    /**
     * Reads the catalog through a cache: {@link Catalog#REGION} must be registered with it. Admin
     * changes to plans then show after the region's TTL, or at once after {@code
     * cache.invalidate(Catalog.REGION, Catalog.KEY)} (on every instance).
     */
    public Builder cache(io.github.remnawaveshop.core.cache.CacheLayer cache) {
      Objects.requireNonNull(cache, "cache");
      this.catalogSource =
          loader ->
              cache.getOrLoad(Catalog.REGION, Catalog.KEY, k -> new Catalog(loader.get())).plans();
      return this;
    }

    /**
     * Intervals of {@link SubscriptionEngine#start}: outbox polling (default 2 s), reminders and
     * renewals (15 min), reconciliation (6 h).
     */
    public Builder intervals(Duration outbox, Duration jobs, Duration reconcile) {
      for (Duration d : List.of(outbox, jobs, reconcile)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("intervals must be positive; was " + d);
        }
      }
      this.outboxInterval = outbox;
      this.jobInterval = jobs;
      this.reconcileInterval = reconcile;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalStateException when the store or panel is missing, or the router was built
     *     over other gateways
     */
    public SubscriptionEngine build() {
      if (store == null && storeBuilder == null) {
        throw new IllegalStateException(
            "the store must be set: store(...), dataSource(...) or jdbi(...)");
      }
      if (panel == null) {
        throw new IllegalStateException("panel must be set");
      }
      PaymentGateways gw = gateways != null ? gateways : PaymentGateways.builder().build();
      PaymentRouter r = router != null ? router : PaymentRouter.builder().gateways(gw).build();
      List<Integer> days = new ArrayList<>(reminderDays);
      days.sort((a, b) -> Integer.compare(b, a));
      ShopStore s =
          store == null
              ? Objects.requireNonNull(storeBuilder, "storeBuilder").clock(clock).build()
              : store.clock() == clock ? store : store.toBuilder().clock(clock).build();
      EngineContext ctx =
          new EngineContext(
              s,
              panel,
              gw,
              r,
              clock,
              notifier,
              trial,
              referrals,
              List.copyOf(days),
              renewalLeadDays,
              outbox,
              panelUsernamePrefix,
              orderIds,
              deletionPolicy);
      return new SubscriptionEngine(ctx, this);
    }
  }
}
