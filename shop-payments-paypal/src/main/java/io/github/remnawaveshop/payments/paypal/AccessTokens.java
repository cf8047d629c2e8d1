package io.github.remnawaveshop.payments.paypal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Caches the OAuth2 client-credentials token until shortly before it expires: five minutes before,
 * or half-way through its life for tokens that live less than ten minutes. Concurrent callers that
 * find no usable token wait for one fetch instead of each fetching. Thread-safe.
 */
final class AccessTokens {
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  /** A token and how long PayPal says it lives. */
  record Fetched(String value, Duration lifetime) {}

  private record Token(String value, Instant refreshAt) {}

  private final Supplier<Fetched> fetcher;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Token current;

  AccessTokens(Supplier<Fetched> fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** A usable token, fetched only when none is cached or the cached one is about to expire. */
  String get() {
    Token token = current;
    if (usable(token)) {
      return token.value();
    }
    lock.lock();
    try {
      token = current;
      if (usable(token)) {
        return token.value();
      }
      Fetched fetched = fetcher.get();
      Instant now = clock.instant();
      Duration margin =
          fetched.lifetime().compareTo(REFRESH_MARGIN.multipliedBy(2)) < 0
              ? fetched.lifetime().dividedBy(2)
              : REFRESH_MARGIN;
      current = new Token(fetched.value(), now.plus(fetched.lifetime()).minus(margin));
      return fetched.value();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets the token if it is still this one (PayPal answered 401 to it). */
  void invalidate(String value) {
    lock.lock();
    try {
      Token token = current;
      if (token != null && token.value().equals(value)) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** When the cached token will be refreshed, if one is cached. */
  Optional<Instant> refreshAt() {
    return Optional.ofNullable(current).map(Token::refreshAt);
  }

  private boolean usable(Token token) {
    return token != null && clock.instant().isBefore(token.refreshAt());
  }
}
