package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.store.DuplicateKeyException;
import io.github.remnawaveshop.core.store.NewUser;
import io.github.remnawaveshop.core.store.PromoCode;
import io.github.remnawaveshop.core.store.Registration;
import io.github.remnawaveshop.core.store.ShopRepositories;
import io.github.remnawaveshop.core.store.Subscription;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.subscription.BannedUserException;
import io.github.remnawaveshop.core.subscription.NotFoundException;
import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException;
import io.github.remnawaveshop.core.subscription.TrialNotAvailableException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Users, trials, bonus-day promo codes and admin credits. Thread-safe. */
public final class Accounts {
  private static final String CODE_CHARS =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*");
  private final EngineContext ctx;
  private final SecureRandom random = new SecureRandom();

  /** Creates the accounts part. */
  public Accounts(EngineContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Registers a user or refreshes their name and language (and clears "blocked the bot": they are
   * writing to it); the referrer is set only on first registration.
   */
  public User register(
      long telegramId, Optional<String> username, String language, Optional<String> referralCode) {
    if (telegramId <= 0) {
      throw new IllegalArgumentException("telegramId must be positive; was " + telegramId);
    }
    String lang = language(language);
    ShopRepositories repos = ctx.store();
    Optional<User> existing = repos.users().findByTelegramId(telegramId);
    if (existing.isPresent()) {
      return refresh(existing.get(), username, lang);
    }
    Optional<Long> referrer =
        referralCode.flatMap(code -> repos.users().findByReferralCode(code)).map(User::id);
    for (int attempt = 0; attempt < 10; attempt++) {
      NewUser user =
          new NewUser(telegramId, username.filter(n -> !n.isEmpty()), lang, newCode(), referrer);
      Registration registration;
      try {
        registration = repos.users().register(user);
      } catch (DuplicateKeyException e) {
        continue; // the generated referral code is taken: try another
      }
      return registration.created()
          ? registration.user()
          : refresh(registration.user(), username, lang);
    }
    throw new IllegalStateException("could not generate a unique referral code");
  }

  private User refresh(User user, Optional<String> username, String lang) {
    boolean same =
        user.username().equals(username)
            && user.language().equals(lang)
            && user.blockedBotAt().isEmpty();
    return same
        ? user
        : ctx.store()
            .users()
            .updateProfile(user.id(), username.filter(n -> !n.isEmpty()), lang)
            .orElse(user);
  }

  /**
   * Telegram's language code, lower-cased; anything the store would not take becomes its primary
   * tag or en.
   */
  static String language(String language) {
    String lang = language.toLowerCase(Locale.ROOT).replace('_', '-');
    if (LANGUAGE.matcher(lang).matches()) {
      return lang;
    }
    String primary = lang.split("-", 2)[0];
    return LANGUAGE.matcher(primary).matches() ? primary : "en";
  }

  private String newCode() {
    StringBuilder b = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      b.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
    }
    return b.toString();
  }

  static User requireUser(ShopRepositories repos, long telegramId) {
    return repos
        .users()
        .findByTelegramId(telegramId)
        .orElseThrow(() -> new NotFoundException("no shop user with Telegram id " + telegramId));
  }

  /** Refuses what grants access to a banned user. */
  static void requireNotBanned(User user, String what) {
    if (user.banned()) {
      throw new BannedUserException(
          "user " + user.telegramId() + " is banned: " + what + " refused");
    }
  }

  /** Grants the trial: once per user, only without current access. */
  public Subscription startTrial(long telegramId) {
    if (!ctx.trial().enabled()) {
      throw new TrialNotAvailableException("trials are switched off");
    }
    return ctx.store()
        .inTransaction(
            tx -> {
              Instant now = ctx.now();
              User user = requireUser(tx, telegramId);
              requireNotBanned(user, "trial");
              tx.users().lockAccounts(user.id());
              if (tx.subscriptions()
                  .findActiveByUserId(user.id())
                  .filter(s -> s.endsAt().isAfter(now))
                  .isPresent()) {
                throw new TrialNotAvailableException("user " + telegramId + " already has access");
              }
              if (!tx.subscriptions().recordTrial(user.id(), ctx.trial().days())) {
                throw new TrialNotAvailableException("user " + telegramId + " already had a trial");
              }
              Subscription s =
                  Credits.extend(tx, user.id(), Optional.empty(), ctx.trial().days(), true);
              Credits.provision(
                  tx, user.id(), Notice.Kind.TRIAL_STARTED, "provision:trial:" + user.id(), s);
              return s;
            });
  }

  /** Redeems a bonus-days promo code outside a purchase. */
  public Subscription redeemPromo(long telegramId, String code) {
    return ctx.store()
        .inTransaction(
            tx -> {
              Instant now = ctx.now();
              User user = requireUser(tx, telegramId);
              requireNotBanned(user, "promo code");
              PromoCode promo = Promos.check(tx, code, user.id(), now);
              if (!Promos.bonusDays(promo)) {
                throw new PromoCodeRejectedException(
                    PromoCodeRejectedException.Reason.WRONG_KIND,
                    "promo code '" + promo.code() + "' is a discount; use it with a purchase");
              }
              tx.users().lockAccounts(user.id());
              Optional<PromoCodeRejectedException.Reason> refused =
                  Promos.activate(tx, promo.id(), user.id(), Optional.empty());
              if (refused.isPresent()) {
                throw new PromoCodeRejectedException(
                    refused.get(),
                    "promo code '"
                        + promo.code()
                        + "' cannot be used: "
                        + refused.get().name().toLowerCase(Locale.ROOT));
              }
              Subscription s =
                  Credits.extend(tx, user.id(), Optional.empty(), promo.value(), false);
              Credits.provision(
                  tx,
                  user.id(),
                  Notice.Kind.PROMO_REDEEMED,
                  "provision:promo:" + promo.id() + ":" + user.id() + ":" + now.toEpochMilli(),
                  s);
              return s;
            });
  }

  /**
   * An admin's gift of days: credited like any payment (the panel follows through the outbox), also
   * to banned users (an admin decides). The reason is logged by the caller and kept in the dedupe
   * key.
   */
  public Subscription extend(long telegramId, int days, String reason) {
    if (days < 1 || days > 36600) {
      throw new IllegalArgumentException("days must be between 1 and 36600; was " + days);
    }
    String why = reason == null || reason.isBlank() ? "admin" : reason.strip();
    return ctx.store()
        .inTransaction(
            tx -> {
              Instant now = ctx.now();
              User user = requireUser(tx, telegramId);
              tx.users().lockAccounts(user.id());
              Subscription s = Credits.extend(tx, user.id(), Optional.empty(), days, false);
              String key =
                  "provision:gift:"
                      + user.id()
                      + ":"
                      + now.toEpochMilli()
                      + ":"
                      + Integer.toHexString(why.hashCode());
              Credits.provision(tx, user.id(), Notice.Kind.ACCESS_RESTORED, key, s);
              return s;
            });
  }
}
