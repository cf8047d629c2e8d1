package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.core.ratelimit.Decision;
import io.github.remnawaveshop.core.ratelimit.RateLimiter;
import io.github.remnawaveshop.telegram.api.types.UpdateKind;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in middlewares. The dispatcher installs {@link #errors()} and {@link #logging()} first
 * by default.
 */
public final class Middlewares {
  private static final Logger log =
      LoggerFactory.getLogger("io.github.remnawaveshop.telegram.updates");
  private static final Logger errors =
      LoggerFactory.getLogger("io.github.remnawaveshop.telegram.errors");

  /** Text key of the apology sent when a handler fails. */
  public static final String APOLOGY_KEY = "error.apology";

  /**
   * Text key of the notice sent once when a rate-limit ban starts; argument {0} is the ban in
   * minutes.
   */
  public static final String RATE_LIMIT_KEY = "error.rate_limited";

  private Middlewares() {}

  /**
   * One line per update at INFO: id, kind, chat, route and latency; never message text (DEBUG adds
   * the callback data).
   */
  public static Middleware logging() {
    return (ctx, chain) -> {
      long start = System.nanoTime();
      try {
        chain.proceed(ctx);
      } finally {
        long micros = (System.nanoTime() - start) / 1000;
        if (log.isInfoEnabled()) {
          log.info(
              "update {} {} chat {} -> {} in {} ms",
              ctx.update().updateId(),
              ctx.kind(),
              ctx.chatId(),
              ctx.<String>attribute(Dispatcher.ROUTE_ATTRIBUTE).orElse("-"),
              String.format("%.1f", micros / 1000.0));
        }
        if (log.isDebugEnabled() && ctx.callbackData().isPresent()) {
          log.debug(
              "update {} callback data {}", ctx.update().updateId(), ctx.callbackData().get());
        }
      }
    };
  }

  /**
   * Catches what the rest of the chain throws: logs it once with the update id, and tells the user
   * a short apology (text {@value #APOLOGY_KEY} when the dispatcher has texts) — on a button press
   * as an alert.
   */
  public static ErrorMiddleware errors() {
    return new ErrorMiddleware(true);
  }

  /** The error middleware; {@link #andSilently()} logs without telling the user. */
  public static final class ErrorMiddleware implements Middleware {
    private final boolean apologise;

    private ErrorMiddleware(boolean apologise) {
      this.apologise = apologise;
    }

    /** The same middleware, without the apology. */
    public ErrorMiddleware andSilently() {
      return new ErrorMiddleware(false);
    }

    @Override
    public void intercept(Context ctx, Chain chain) {
      try {
        chain.proceed(ctx);
      } catch (Exception e) {
        errors.error(
            "Update {} ({}) failed in {}",
            ctx.update().updateId(),
            ctx.kind(),
            ctx.<String>attribute(Dispatcher.ROUTE_ATTRIBUTE).orElse("a middleware"),
            e);
        ctx.attribute(Dispatcher.RESULT_ATTRIBUTE, DispatchResult.FAILED);
        if (apologise) {
          apologise(ctx);
        }
      }
    }
  }

  private static void apologise(Context ctx) {
    try {
      String text =
          ctx.services().texts() != null && ctx.texts().has(ctx.language(), APOLOGY_KEY)
              ? ctx.t(APOLOGY_KEY)
              : "Sorry, something went wrong. Please try again in a minute.";
      if (ctx.kind() == UpdateKind.CALLBACK_QUERY) {
        ctx.alert(text.length() > 200 ? text.substring(0, 200) : text);
      } else if (ctx.kind() == UpdateKind.MESSAGE && ctx.chatId() != 0) {
        ctx.reply(Html.escape(text));
      }
    } catch (RuntimeException e) {
      errors.warn("Could not apologise for update {}: {}", ctx.update().updateId(), e.toString());
    }
  }

  /**
   * Passes an update only when {@code limiter} allows its user; admins and payments (pre-checkout
   * queries, successful payments) always pass. A user whose ban just started hears it once (text
   * {@value #RATE_LIMIT_KEY}), then nothing until the ban ends.
   */
  public static Middleware rateLimit(RateLimiter limiter, LongPredicate exempt) {
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(exempt, "exempt");
    return (ctx, chain) -> {
      long user = ctx.userId();
      UpdateKind kind = ctx.kind();
      if (user == 0
          || exempt.test(user)
          || kind == UpdateKind.PRE_CHECKOUT_QUERY
          || kind == UpdateKind.SUCCESSFUL_PAYMENT
          || kind == UpdateKind.MY_CHAT_MEMBER) {
        chain.proceed(ctx);
        return;
      }
      Decision d = limiter.tryAcquire(user);
      if (d.allowed()) {
        chain.proceed(ctx);
        return;
      }
      ctx.attribute(Dispatcher.RESULT_ATTRIBUTE, DispatchResult.STOPPED);
      ctx.attribute(Dispatcher.ROUTE_ATTRIBUTE, "rate-limited:" + d.outcome());
      if (d.outcome() == Decision.Outcome.BAN_STARTED && ctx.chatId() != 0) {
        long minutes = Math.max(1, (d.retryAfter().toSeconds() + 59) / 60);
        String text =
            ctx.services().texts() != null && ctx.texts().has(ctx.language(), RATE_LIMIT_KEY)
                ? ctx.t(RATE_LIMIT_KEY, minutes)
                : "Too many requests. Please wait " + minutes + " min.";
        ctx.reply(text);
      }
    };
  }

  /**
   * {@link #rateLimit(RateLimiter, LongPredicate)} without exemptions of its own (the limiter's
   * still apply).
   */
  public static Middleware rateLimit(RateLimiter limiter) {
    return rateLimit(limiter, id -> false);
  }

  /** Sets the update's language from a resolver of stored choices, before handlers read it. */
  public static Middleware language(LanguageResolver resolver) {
    Objects.requireNonNull(resolver, "resolver");
    return (ctx, chain) -> {
      resolver
          .storedLanguage(ctx)
          .flatMap(
              l -> ctx.services().texts() == null ? java.util.Optional.of(l) : ctx.texts().match(l))
          .ifPresent(ctx::language);
      chain.proceed(ctx);
    };
  }
}
