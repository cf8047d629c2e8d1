package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.subscription.NotFoundException;
import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException;
import io.github.remnawaveshop.core.subscription.ShopUser;
import io.github.remnawaveshop.core.subscription.Subscription;
import io.github.remnawaveshop.core.subscription.TrialNotAvailableException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Users, trials and bonus-day promo codes. Thread-safe. */
public final class Accounts {
  private static final String CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private final EngineContext ctx;
  private final SecureRandom random = new SecureRandom();

  /** Creates the accounts part. */
  public Accounts(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** Registers a user or refreshes their name and language; the referrer is set only on first registration. */
  public ShopUser register(long telegramId, Optional<String> username, String language, Optional<String> referralCode) {
    if (telegramId <= 0) {
      throw new IllegalArgumentException("telegramId must be positive; was " + telegramId);
    }
    String lang = language.toLowerCase(Locale.ROOT);
    return ctx.jdbi().inTransaction(h -> {
      Instant now = ctx.now();
      Optional<ShopUser> existing = Sql.userByTelegramId(h, telegramId);
      if (existing.isPresent()) {
        return h.createQuery("UPDATE shop_users SET username = :n, language = :l, updated_at = GREATEST(:now, updated_at) "
                + "WHERE id = :id RETURNING *").bind("n", username.orElse(null)).bind("l", lang)
            .bind("now", Sql.ts(now)).bind("id", existing.get().id()).map((rs, c) -> Sql.user(rs)).one();
      }
      Optional<Long> referrer = referralCode.flatMap(code -> h.createQuery(
              "SELECT id FROM shop_users WHERE referral_code = :c").bind("c", code).mapTo(Long.class).findOne());
      for (int attempt = 0; attempt < 10; attempt++) {
        Optional<ShopUser> inserted = h.createQuery("INSERT INTO shop_users (telegram_id, username, language, "
                + "referral_code, referred_by, created_at, updated_at) VALUES (:t, :n, :l, :code, :ref, :now, :now) "
                + "ON CONFLICT DO NOTHING RETURNING *")
            .bind("t", telegramId).bind("n", username.orElse(null)).bind("l", lang).bind("code", newCode())
            .bind("ref", referrer.orElse(null)).bind("now", Sql.ts(now)).map((rs, c) -> Sql.user(rs)).findOne();
        if (inserted.isPresent()) {
          return inserted.get();
        }
        Optional<ShopUser> raced = Sql.userByTelegramId(h, telegramId);
        if (raced.isPresent()) {
          return raced.get();
        }
      }
      throw new IllegalStateException("could not generate a unique referral code");
    });
  }

  private String newCode() {
    StringBuilder b = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      b.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
    }
    return b.toString();
  }

  static ShopUser requireUser(Handle h, long telegramId) {
    return Sql.userByTelegramId(h, telegramId)
        .orElseThrow(() -> new NotFoundException("no shop user with Telegram id " + telegramId));
  }

  /** Grants the trial: once per user, only without current access. */
  public Subscription startTrial(long telegramId) {
    if (!ctx.trial().enabled()) {
      throw new TrialNotAvailableException("trials are switched off");
    }
    return ctx.jdbi().inTransaction(h -> {
      Instant now = ctx.now();
      ShopUser user = requireUser(h, telegramId);
      Sql.lockUsers(h, user.id());
      if (Sql.activeSubscription(h, user.id()).filter(s -> s.isActiveAt(now)).isPresent()) {
        throw new TrialNotAvailableException("user " + telegramId + " already has access");
      }
      int granted = h.createUpdate("INSERT INTO shop_trial_grants (user_id, granted_at, days) VALUES (:u, :now, :d) "
              + "ON CONFLICT DO NOTHING").bind("u", user.id()).bind("now", Sql.ts(now)).bind("d", ctx.trial().days())
          .execute();
      if (granted == 0) {
        throw new TrialNotAvailableException("user " + telegramId + " already had a trial");
      }
      Subscription s = Credits.extend(h, user.id(), Optional.empty(), ctx.trial().days(), true, now);
      Credits.provision(h, user.id(), Notice.Kind.TRIAL_STARTED, "provision:trial:" + user.id(), now);
      return s;
    });
  }

  /** Redeems a bonus-days promo code outside a purchase. */
  public Subscription redeemPromo(long telegramId, String code) {
    return ctx.jdbi().inTransaction(h -> {
      Instant now = ctx.now();
      ShopUser user = requireUser(h, telegramId);
      Promos.PromoRow promo = Promos.check(h, code, user.id(), now);
      if (!promo.bonusDays()) {
        throw new PromoCodeRejectedException(PromoCodeRejectedException.Reason.WRONG_KIND,
            "promo code '" + promo.code() + "' is a discount; use it with a purchase");
      }
      Sql.lockUsers(h, user.id());
      Optional<PromoCodeRejectedException.Reason> refused = Promos.activate(h, promo, user.id(), Optional.empty(), now);
      if (refused.isPresent()) {
        throw new PromoCodeRejectedException(refused.get(), "promo code '" + promo.code() + "' cannot be used: "
            + refused.get().name().toLowerCase(Locale.ROOT));
      }
      Subscription s = Credits.extend(h, user.id(), Optional.empty(), promo.value(), false, now);
      Credits.provision(h, user.id(), Notice.Kind.PROMO_REDEEMED, "provision:promo:" + promo.id() + ":" + user.id()
          + ":" + now.toEpochMilli(), now);
      return s;
    });
  }
}
