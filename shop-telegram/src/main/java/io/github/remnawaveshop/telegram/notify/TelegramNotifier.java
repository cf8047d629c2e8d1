package io.github.remnawaveshop.telegram.notify;

import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.Notifier;
import io.github.remnawaveshop.telegram.api.BotBlockedException;
import io.github.remnawaveshop.telegram.api.Lane;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import io.github.remnawaveshop.telegram.dispatch.Html;
import io.github.remnawaveshop.telegram.dispatch.Texts;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link Notifier} as Telegram messages: each {@link Notice} becomes one HTML message
 * in the user's language, sent through the bot's {@link Lane#BULK} lane (so notices never slow down
 * answers to users), with the subscription link and an "open" button when the notice has one. Texts
 * are keys {@code notice.<kind>} of bundle {@code shop-notices} (ru, en); add a bundle of your own
 * to change them.
 *
 * <p>A user who blocked the bot (403) is reported to {@link Builder#onBlocked} — wire it to the
 * engine so broadcasts and reminders skip the user — and the notice counts as delivered (retrying
 * cannot help). Any other failure is thrown, so the engine's outbox retries reminders. Thread-safe;
 * sends synchronously on the caller's (worker) thread, waiting in the throttle's queue when limits
 * are reached.
 */
public final class TelegramNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(TelegramNotifier.class);

  private final TelegramBot bot;
  private final Texts texts;
  private final UserLanguage languages;
  private final LongConsumer onBlocked;
  private final ZoneId zone;
  private final String datePattern;
  private final Lane lane;

  private TelegramNotifier(Builder b) {
    this.bot = b.bot;
    this.texts = b.texts != null ? b.texts : Texts.bundle("shop-notices");
    this.languages = b.languages;
    this.onBlocked = b.onBlocked;
    this.zone = b.zone;
    this.datePattern = b.datePattern;
    this.lane = b.lane;
  }

  /** A builder; {@link Builder#bot} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends the notice to its user.
   *
   * @throws io.github.remnawaveshop.telegram.api.TelegramApiException when Telegram refused (other
   *     than 403) or could not be reached
   */
  @Override
  public void notify(Notice notice) {
    Objects.requireNonNull(notice, "notice");
    String language = language(notice.telegramId());
    SendMessage message =
        SendMessage.to(notice.telegramId(), text(notice, language))
            .parseMode(ParseMode.HTML)
            .noLinkPreview();
    if (notice.subscriptionUrl().filter(TelegramNotifier::isHttpUrl).isPresent()) {
      message =
          message.keyboard(
              InlineKeyboardMarkup.column(
                  List.of(
                      InlineKeyboardButton.url(
                          texts.get(language, "notice.button.open"),
                          notice.subscriptionUrl().get()))));
    }
    try {
      bot.execute(message, lane);
      log.debug("Notice {} sent to {}", notice.kind(), notice.telegramId());
    } catch (BotBlockedException e) {
      log.info(
          "Notice {} not delivered: user {} blocked the bot", notice.kind(), notice.telegramId());
      onBlocked.accept(notice.telegramId());
    }
  }

  /**
   * The text of a notice in a language (what {@link #notify} sends), e.g. for a preview.
   *
   * @param notice the notice
   * @param language a language of the texts; others fall back to the default
   */
  public String text(Notice notice, String language) {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(language, "language");
    Locale locale = Locale.forLanguageTag(language);
    String date =
        DateTimeFormatter.ofPattern(datePattern, locale).withZone(zone).format(notice.endsAt());
    String url = notice.subscriptionUrl().map(Html::escape).orElse("");
    Object[] args = {date, notice.daysLeft(), url};
    String body =
        texts.get(language, "notice." + notice.kind().name().toLowerCase(Locale.ROOT), args);
    if (notice.subscriptionUrl().isPresent()) {
      body = body + "\n\n" + texts.get(language, "notice.link", args);
    }
    return body;
  }

  private String language(long telegramId) {
    try {
      return languages.of(telegramId).flatMap(texts::match).orElse(texts.defaultLanguage());
    } catch (RuntimeException e) {
      log.warn(
          "Language of user {} could not be read ({}); using {}",
          telegramId,
          e.getClass().getSimpleName(),
          texts.defaultLanguage());
      return texts.defaultLanguage();
    }
  }

  private static boolean isHttpUrl(String url) {
    return url.startsWith("https://") || url.startsWith("http://");
  }

  @Override
  public String toString() {
    return "TelegramNotifier[" + bot + ", languages " + texts.languages() + "]";
  }

  /** Builder of {@link TelegramNotifier}; not thread-safe. */
  public static final class Builder {
    private TelegramBot bot;
    private Texts texts;
    private UserLanguage languages = UserLanguage.defaultLanguage();
    private LongConsumer onBlocked = id -> {};
    private ZoneId zone = ZoneOffset.UTC;
    private String datePattern = "dd.MM.yyyy";
    private Lane lane = Lane.BULK;

    private Builder() {}

    /** The bot that sends (required). */
    public Builder bot(TelegramBot bot) {
      this.bot = Objects.requireNonNull(bot, "bot");
      return this;
    }

    /** The texts (default bundle {@code shop-notices}, ru and en, English by default). */
    public Builder texts(Texts texts) {
      this.texts = Objects.requireNonNull(texts, "texts");
      return this;
    }

    /** Each user's language (default: the texts' default language for everyone). */
    public Builder languages(UserLanguage languages) {
      this.languages = Objects.requireNonNull(languages, "languages");
      return this;
    }

    /**
     * Called with the Telegram id of a user who blocked the bot (403), on the sending thread; e.g.
     * {@code engine::markBlockedBot}. Must not throw.
     */
    public Builder onBlocked(LongConsumer onBlocked) {
      this.onBlocked = Objects.requireNonNull(onBlocked, "onBlocked");
      return this;
    }

    /** The time zone dates are shown in (default UTC). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The {@link DateTimeFormatter} pattern of dates (default {@code dd.MM.yyyy}). */
    public Builder datePattern(String pattern) {
      Objects.requireNonNull(pattern, "pattern");
      try {
        DateTimeFormatter.ofPattern(pattern);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "datePattern is not a DateTimeFormatter pattern; was '" + pattern + "'", e);
      }
      this.datePattern = pattern;
      return this;
    }

    /** The throttle lane (default {@link Lane#BULK}: nobody is waiting for a notice). */
    public Builder lane(Lane lane) {
      this.lane = Objects.requireNonNull(lane, "lane");
      return this;
    }

    /**
     * Builds the notifier.
     *
     * @throws IllegalStateException when no bot was given
     */
    public TelegramNotifier build() {
      if (bot == null) {
        throw new IllegalStateException("bot must be set");
      }
      return new TelegramNotifier(this);
    }
  }
}
