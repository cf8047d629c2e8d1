package io.github.remnawaveshop.telegram.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The end of a broadcast.
 *
 * @param sent messages Telegram accepted
 * @param blocked chats that answered 403 (mark these users)
 * @param failed other failures, chat id to reason
 * @param took how long it took
 */
public record BroadcastReport(
    int sent, List<Long> blocked, Map<Long, String> failed, Duration took) {
  /** Freezes the parts. */
  public BroadcastReport {
    blocked = List.copyOf(blocked);
    failed = Map.copyOf(failed);
  }
}
