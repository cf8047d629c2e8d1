package io.github.remnawaveshop.telegram.shop;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.ops.HealthMonitor;
import io.github.remnawaveshop.core.ops.Managed;
import io.github.remnawaveshop.core.ops.backup.BackupService;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.dispatch.Dispatcher;
import io.github.remnawaveshop.telegram.dispatch.LanguageResolver;
import io.github.remnawaveshop.telegram.dispatch.Middlewares;
import io.github.remnawaveshop.telegram.dispatch.Router;
import io.github.remnawaveshop.telegram.dispatch.Texts;
import io.github.remnawaveshop.telegram.notify.TelegramNotifier;
import io.github.remnawaveshop.telegram.shop.internal.AdminScreens;
import io.github.remnawaveshop.telegram.shop.internal.BroadcastRunner;
import io.github.remnawaveshop.telegram.shop.internal.PanelWatch;
import io.github.remnawaveshop.telegram.shop.internal.ShopServices;
import io.github.remnawaveshop.telegram.shop.internal.UserScreens;
import io.github.remnawaveshop.telegram.stars.StarsGateway;
import io.github.remnawaveshop.telegram.stars.StarsOrders;
import io.github.remnawaveshop.telegram.stars.StarsPayments;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The shop as Telegram conversations: {@code /start} with referral and promo deep links, the main
 * menu, free trial, buying (catalog, plan, price with an optional promo code, payment method,
 * checkout or Stars invoice), "my subscription" with link, QR code, traffic, devices reset and link
 * revocation, promo codes, referrals, language, help and an optional channel gate — and, for the
 * configured admins, {@code /admin}: statistics, health, users, broadcasts, promo codes, plans,
 * panel sync, backups and maintenance mode.
 *
 * <pre>{@code
 * ShopBot shop = ShopBot.builder().engine(engine).store(store).panel(panel).bot(bot).admins(Set.of(1L)).build();
 * Dispatcher dispatcher = shop.dispatcher(fsm, limiter).router(myOwnRouter).build();
 * }</pre>
 *
 * Built once per bot; thread-safe. Multi-step flows keep their state in the dispatcher's {@code
 * FsmStorage}.
 */
public final class ShopBot {
  /**
   * The texts' bundle base name ({@code shop-messages_ru.properties}, {@code
   * shop-messages_en.properties}).
   */
  public static final String TEXTS = "shop-messages";

  private final ShopServices services;
  private final BroadcastRunner broadcasts;
  private final Optional<Router> stars;
  private final Router userRouter;
  private final Router adminRouter;
  private final Builder origin;

  private ShopBot(Builder b) {
    this.origin = b.copy();
    Texts texts = b.texts != null ? b.texts : Texts.builder().bundle(TEXTS).build();
    this.services =
        new ShopServices(
            b.engine,
            b.store,
            b.panel,
            b.bot,
            Set.copyOf(b.admins),
            texts,
            b.shopName,
            Optional.ofNullable(b.support),
            Optional.ofNullable(b.termsUrl),
            Optional.ofNullable(b.channel),
            Optional.ofNullable(b.channelUrl),
            Optional.ofNullable(b.health),
            Optional.ofNullable(b.backups),
            Optional.ofNullable(b.backupDirectory),
            b.currency,
            b.clock,
            new Maintenance(b.clock));
    this.broadcasts = new BroadcastRunner(services);
    this.stars =
        Optional.ofNullable(b.stars)
            .map(
                g ->
                    StarsPayments.builder()
                        .gateway(g)
                        .sink(b.engine)
                        .orders(StarsOrders.of(b.store))
                        .build()
                        .router());
    this.adminRouter = AdminScreens.router(services, broadcasts);
    this.userRouter = UserScreens.router(services);
  }

  /** A builder; engine, store, panel and bot are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this shop's settings. */
  public Builder toBuilder() {
    return origin.copy();
  }

  /**
   * Telegram Stars payments first (pre-checkout answers, successful and refunded payments — before
   * any route that could take their messages), then the admin panel ({@code /admin}; only the
   * configured admins get anything), then the user flows.
   */
  public Router router() {
    Router.Builder r = Router.builder("shop");
    stars.ifPresent(r::include);
    return r.include(adminRouter).include(userRouter).build();
  }

  /**
   * A notifier for the engine that tells users in Telegram (payment received with the link,
   * reminders, refunds…) in their stored language, and marks users who blocked the bot. The engine
   * is built before the shop, so this takes only the bot and the store: {@code engine =
   * SubscriptionEngine.builder() .notifier(ShopBot.notifier(bot, store).build())…}.
   */
  public static TelegramNotifier.Builder notifier(TelegramBot bot, ShopStore store) {
    Objects.requireNonNull(bot, "bot");
    Objects.requireNonNull(store, "store");
    return TelegramNotifier.builder()
        .bot(bot)
        .languages(id -> store.users().findByTelegramId(id).map(u -> u.language()))
        .onBlocked(id -> store.users().markBlockedBot(id, java.time.Instant.now()));
  }

  /** Only the user flows. */
  public Router userRouter() {
    return userRouter;
  }

  /** Only the admin panel. */
  public Router adminRouter() {
    return adminRouter;
  }

  /** The texts, for a dispatcher of the host's own. */
  public Texts texts() {
    return services.texts();
  }

  /** The users' stored language choices (the engine's user table). */
  public LanguageResolver languages() {
    return services.languages();
  }

  /** The maintenance switch. */
  public Maintenance maintenance() {
    return services.maintenance();
  }

  /** The admins' Telegram ids. */
  public Set<Long> admins() {
    return services.admins();
  }

  /**
   * The shop's background work as a lifecycle component: on start it resumes broadcasts a restart
   * interrupted and, with a health monitor, watches the panel to enter and leave maintenance mode
   * on its own (checking every {@code 30 s}); on stop it lets the current broadcast batch finish
   * and record its outcomes.
   */
  public Managed component() {
    return new Managed() {
      private final PanelWatch watch = new PanelWatch(services, Duration.ofSeconds(30));

      @Override
      public String name() {
        return "shop-bot";
      }

      @Override
      public void start() {
        broadcasts.resumeAll();
        watch.start();
      }

      @Override
      public void stop() {
        watch.close();
        broadcasts.close();
      }
    };
  }

  /**
   * A dispatcher builder set up for the shop: its texts, the users' languages, the FSM storage, the
   * rate limit (admins exempt) and {@link #router()}; add your own routers and middlewares and
   * build it.
   */
  public Dispatcher.Builder dispatcher(FsmStorage fsm, RateLimiter limiter) {
    Objects.requireNonNull(fsm, "fsm");
    Objects.requireNonNull(limiter, "limiter");
    return Dispatcher.builder()
        .bot(services.bot())
        .fsm(fsm)
        .texts(services.texts())
        .languages(languages())
        .use(Middlewares.rateLimit(limiter, services.admins()::contains))
        .router(router());
  }

  /** Builder of {@link ShopBot}; not thread-safe. */
  public static final class Builder {
    private SubscriptionEngine engine;
    private ShopStore store;
    private RemnawavePanel panel;
    private TelegramBot bot;
    private Set<Long> admins = Set.of();
    private Texts texts;
    private String shopName = "VPN Shop";
    private String support;
    private String termsUrl;
    private String channel;
    private String channelUrl;
    private HealthMonitor health;
    private BackupService backups;
    private StarsGateway stars;
    private java.nio.file.Path backupDirectory;
    private Function<String, String> currency =
        lang -> lang.toLowerCase(Locale.ROOT).startsWith("ru") ? "RUB" : "USD";
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.engine = engine;
      b.store = store;
      b.panel = panel;
      b.bot = bot;
      b.admins = admins;
      b.texts = texts;
      b.shopName = shopName;
      b.support = support;
      b.termsUrl = termsUrl;
      b.channel = channel;
      b.channelUrl = channelUrl;
      b.health = health;
      b.backups = backups;
      b.stars = stars;
      b.backupDirectory = backupDirectory;
      b.currency = currency;
      b.clock = clock;
      return b;
    }

    /** The subscription engine (required). */
    public Builder engine(SubscriptionEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The store, for the screens' reads (referral counts, broadcast progress) (required). */
    public Builder store(ShopStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The Remnawave panel, for traffic, devices and link revocation (required). */
    public Builder panel(RemnawavePanel panel) {
      this.panel = Objects.requireNonNull(panel, "panel");
      return this;
    }

    /** The Telegram client (required). */
    public Builder bot(TelegramBot bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
      return this;
    }

    /** The admins' Telegram ids; everyone else gets nothing from {@code /admin}. */
    public Builder admins(Set<Long> ids) {
      this.admins = Set.copyOf(Objects.requireNonNull(ids, "ids"));
      return this;
    }

    /**
     * The texts (default the {@value #TEXTS} bundles; add a bundle of your own on top to change
     * some).
     */
    public Builder texts(Texts texts) {
      this.texts = Objects.requireNonNull(texts, "texts");
      return this;
    }

    /** The shop's name in the main menu (default "VPN Shop"). */
    public Builder shopName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("shopName must not be blank");
      }
      this.shopName = name;
      return this;
    }

    /** Where users get help, e.g. {@code @shop_support}. */
    public Builder support(String contact) {
      this.support = Objects.requireNonNull(contact, "contact");
      return this;
    }

    /** A link to the terms of service. */
    public Builder termsUrl(String url) {
      if (url == null || !url.matches("https?://\\S+")) {
        throw new IllegalArgumentException("termsUrl must be an http(s) URL; was '" + url + "'");
      }
      this.termsUrl = url;
      return this;
    }

    /**
     * Users must join this channel first ({@code @channel} or its numeric id; the bot must be an
     * admin there) before using the shop; {@code url} is the invite link shown to them.
     */
    public Builder requireChannel(String channel, String url) {
      if (channel == null || !(channel.matches("-?\\d+") || channel.matches("@[A-Za-z0-9_]{4,}"))) {
        throw new IllegalArgumentException(
            "channel must be @username or a numeric id; was '" + channel + "'");
      }
      if (url == null || !url.matches("https?://\\S+")) {
        throw new IllegalArgumentException("channel url must be an http(s) URL; was '" + url + "'");
      }
      this.channel = channel;
      this.channelUrl = url;
      return this;
    }

    /**
     * The Telegram Stars gateway the engine sells through (one of its gateways): the shop then
     * answers pre-checkout queries and credits Stars payments through the engine exactly once.
     */
    public Builder stars(StarsGateway gateway) {
      this.stars = Objects.requireNonNull(gateway, "gateway");
      return this;
    }

    /** The health monitor behind the admin's health screen and automatic maintenance mode. */
    public Builder health(HealthMonitor health) {
      this.health = Objects.requireNonNull(health, "health");
      return this;
    }

    /**
     * The backup service behind the admin's "backup now", and the directory it writes to (an
     * archive small enough is sent to the admin chat; a larger one is named by its path).
     */
    public Builder backups(BackupService backups, java.nio.file.Path directory) {
      this.backups = Objects.requireNonNull(backups, "backups");
      this.backupDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The currency prices are shown in, by the user's language (default RUB for ru, USD otherwise).
     */
    public Builder currency(Function<String, String> byLanguage) {
      this.currency = Objects.requireNonNull(byLanguage, "byLanguage");
      return this;
    }

    /** The clock (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The shop. */
    public ShopBot build() {
      if (engine == null || store == null || panel == null || bot == null) {
        throw new IllegalArgumentException(
            "engine, store, panel and bot must be set; missing: "
                + (engine == null ? "engine " : "")
                + (store == null ? "store " : "")
                + (panel == null ? "panel " : "")
                + (bot == null ? "bot" : "").trim());
      }
      return new ShopBot(this);
    }
  }
}
