package io.github.remnawaveshop.core.subscription;

import io.github.remnawaveshop.core.subscription.internal.LoggingNotifier;

/**
 * Tells users what the engine did: the Telegram layer implements it with messages; the default only
 * logs. Called from worker threads, after the change it reports is committed; must be thread-safe.
 * An exception is logged and, for reminders, the notice is retried through the outbox.
 */
@FunctionalInterface
public interface Notifier {

  /**
   * Delivers one notice.
   *
   * @param notice what to tell whom
   */
  void notify(Notice notice);

  /** A notifier that writes one INFO line per notice through SLF4J. */
  static Notifier logging() {
    return new LoggingNotifier();
  }
}
