package io.github.remnawaveshop.telegram.shop.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.remnawaveshop.core.ops.HealthMonitor;
import io.github.remnawaveshop.core.ops.backup.BackupService;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.subscription.SubscriptionEngine;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.GetMe;
import io.github.remnawaveshop.telegram.dispatch.LanguageResolver;
import io.github.remnawaveshop.telegram.dispatch.Texts;
import io.github.remnawaveshop.telegram.shop.Maintenance;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What the screens share: the engine, the store, the panel, the bot and the shop's settings. */
public final class ShopServices {
  private final SubscriptionEngine engine;
  private final ShopStore store;
  private final RemnawavePanel panel;
  private final TelegramBot bot;
  private final Set<Long> admins;
  private final Texts texts;
  private final String shopName;
  private final Optional<String> support;
  private final Optional<String> termsUrl;
  private final Optional<String> channel;
  private final Optional<String> channelUrl;
  private final Optional<HealthMonitor> health;
  private final Optional<BackupService> backups;
  private final Optional<java.nio.file.Path> backupDirectory;
  private final Function<String, String> currency;
  private final Clock clock;
  private final Maintenance maintenance;
  private final Cache<Long, String> languageCache =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();
  private volatile String botUsername;

  /** All the parts; see {@code ShopBot.Builder} for each. */
  public ShopServices(
      SubscriptionEngine engine,
      ShopStore store,
      RemnawavePanel panel,
      TelegramBot bot,
      Set<Long> admins,
      Texts texts,
      String shopName,
      Optional<String> support,
      Optional<String> termsUrl,
      Optional<String> channel,
      Optional<String> channelUrl,
      Optional<HealthMonitor> health,
      Optional<BackupService> backups,
      Optional<java.nio.file.Path> backupDirectory,
      Function<String, String> currency,
      Clock clock,
      Maintenance maintenance) {
    this.engine = engine;
    this.store = store;
    this.panel = panel;
    this.bot = bot;
    this.admins = admins;
    this.texts = texts;
    this.shopName = shopName;
    this.support = support;
    this.termsUrl = termsUrl;
    this.channel = channel;
    this.channelUrl = channelUrl;
    this.health = health;
    this.backups = backups;
    this.backupDirectory = backupDirectory;
    this.currency = currency;
    this.clock = clock;
    this.maintenance = maintenance;
  }

  public SubscriptionEngine engine() {
    return engine;
  }

  public ShopStore store() {
    return store;
  }

  public RemnawavePanel panel() {
    return panel;
  }

  public TelegramBot bot() {
    return bot;
  }

  public Set<Long> admins() {
    return admins;
  }

  public boolean isAdmin(long telegramId) {
    return admins.contains(telegramId);
  }

  public Texts texts() {
    return texts;
  }

  public String shopName() {
    return shopName;
  }

  public Optional<String> support() {
    return support;
  }

  public Optional<String> termsUrl() {
    return termsUrl;
  }

  public Optional<String> channel() {
    return channel;
  }

  public Optional<String> channelUrl() {
    return channelUrl;
  }

  public Optional<HealthMonitor> health() {
    return health;
  }

  public Optional<BackupService> backups() {
    return backups;
  }

  public Optional<java.nio.file.Path> backupDirectory() {
    return backupDirectory;
  }

  /** The currency prices are shown in for a language. */
  public String currencyFor(String language) {
    return currency.apply(language);
  }

  public Clock clock() {
    return clock;
  }

  public Maintenance maintenance() {
    return maintenance;
  }

  /** The bot's username, asked once. */
  public String botUsername() {
    String name = botUsername;
    if (name == null) {
      name = bot.execute(new GetMe()).username().orElse("bot");
      botUsername = name;
    }
    return name;
  }

  /** The stored language of users, cached for a minute. */
  public LanguageResolver languages() {
    return ctx -> {
      long id = ctx.userId();
      if (id == 0) {
        return Optional.empty();
      }
      String lang =
          languageCache.get(
              id, k -> store.users().findByTelegramId(k).map(User::language).orElse(""));
      return lang.isEmpty() ? Optional.empty() : Optional.of(lang);
    };
  }

  /** Forgets a cached language after the user chose another. */
  public void languageChanged(long telegramId) {
    languageCache.invalidate(telegramId);
  }
}
