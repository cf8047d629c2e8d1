package io.github.remnawaveshop.testkit.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Sliding-window flood control over message-sending calls, and the history of accepted sends per
 * chat and overall (kept whether or not limits are on, so a test can check a client's own
 * throttling). Guarded by the simulator's lock.
 */
final class FloodControl {
  private static final Object GLOBAL = "global";

  private final SimulatedLimits limits;
  private final LongSupplier nanoTime;
  private final Map<Object, ArrayDeque<Long>> recent = new HashMap<>();
  private final Map<Object, Long> penaltyUntil = new HashMap<>();
  private final List<Long> acceptedGlobal = new ArrayList<>();
  private final Map<Long, List<Long>> acceptedPerChat = new HashMap<>();
  private int violations;

  FloodControl(SimulatedLimits limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.nanoTime = nanoTime;
  }

  /**
   * Admits one call to {@code chatId} or throws a 429 {@link ApiError}; {@code send} false for
   * edits, which count per chat only.
   */
  void admit(long chatId, boolean send) {
    long now = nanoTime.getAsLong();
    Optional<SimulatedLimits.Window> chatWindow = chatId < 0 ? limits.perGroup() : limits.perChat();
    if (limits.enabled()) {
      if (send) {
        check(GLOBAL, limits.global(), now);
      }
      check(chatId, chatWindow, now);
    }
    if (send) {
      acceptedGlobal.add(now);
      remember(GLOBAL, limits.global(), now);
    }
    acceptedPerChat.computeIfAbsent(chatId, k -> new ArrayList<>()).add(now);
    remember(chatId, chatWindow, now);
  }

  private void check(Object scope, Optional<SimulatedLimits.Window> window, long now) {
    if (window.isEmpty()) {
      return;
    }
    Long until = penaltyUntil.get(scope);
    if (until != null && until - now > 0) {
      throw violation(until - now);
    }
    ArrayDeque<Long> times = recent.getOrDefault(scope, new ArrayDeque<>());
    long length = window.get().length().toNanos();
    while (!times.isEmpty() && now - times.peekFirst() >= length) {
      times.pollFirst();
    }
    if (times.size() >= window.get().count()) {
      long penalty =
          limits.retryAfter().map(Duration::toNanos).orElse(times.peekFirst() + length - now);
      penalty = Math.max(penalty, 1_000_000L);
      penaltyUntil.put(scope, now + penalty);
      throw violation(penalty);
    }
  }

  private ApiError violation(long remainingNanos) {
    violations++;
    long seconds = Math.max(1, (remainingNanos + 999_999_999L) / 1_000_000_000L);
    return ApiError.tooManyRequests(seconds);
  }

  private void remember(Object scope, Optional<SimulatedLimits.Window> window, long now) {
    if (window.isPresent()) {
      ArrayDeque<Long> times = recent.computeIfAbsent(scope, k -> new ArrayDeque<>());
      times.addLast(now);
      long length = window.get().length().toNanos();
      while (!times.isEmpty() && now - times.peekFirst() >= length) {
        times.pollFirst();
      }
    }
  }

  int violations() {
    return violations;
  }

  /** The most accepted calls in any window of this length, for one chat or (null) overall. */
  int maxAcceptedInWindow(Long chatId, Duration window) {
    List<Long> times =
        chatId == null ? acceptedGlobal : acceptedPerChat.getOrDefault(chatId, List.of());
    long length = window.toNanos();
    int best = 0;
    int start = 0;
    for (int end = 0; end < times.size(); end++) {
      while (times.get(end) - times.get(start) >= length) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** How many sends (and edits) were accepted for the chat, or overall sends for null. */
  int accepted(Long chatId) {
    return chatId == null
        ? acceptedGlobal.size()
        : acceptedPerChat.getOrDefault(chatId, List.of()).size();
  }
}
