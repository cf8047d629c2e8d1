package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.subscription.Notice;
import io.github.remnawaveshop.core.subscription.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link Notifier}: one INFO log line per notice. */
public final class LoggingNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(LoggingNotifier.class);

  @Override
  public void notify(Notice notice) {
    log.info(
        "Notice {} for user {}: access until {}{}",
        notice.kind(),
        notice.telegramId(),
        notice.endsAt(),
        notice.kind() == Notice.Kind.EXPIRY_REMINDER
            ? " (" + notice.daysLeft() + " days left)"
            : "");
  }
}
