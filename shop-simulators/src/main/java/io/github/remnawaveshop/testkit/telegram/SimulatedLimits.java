package io.github.remnawaveshop.testkit.telegram;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Flood limits the simulator enforces on message-sending methods, each as "at most N accepted in
 * any sliding window of this length": globally (all chats), per private chat, per group. A call
 * over a limit gets 429 {@code Too Many Requests: retry after N} and puts that scope in a penalty
 * window during which every call to it gets 429 too.
 *
 * <p>The penalty lasts {@link #retryAfter()} if set, else until the window admits the next send.
 * The wire's {@code retry_after} is whole seconds (Telegram sends integers): the penalty rounded
 * up, at least 1. Scaled-down windows (say 300 per second globally, 10 per second per chat) keep
 * tests fast; a client that obeys {@code retry_after} literally then waits longer than needed,
 * which is harmless.
 *
 * <pre>{@code
 * SimulatedLimits.builder().global(300, Duration.ofSeconds(1)).perChat(10, Duration.ofSeconds(1))
 *     .retryAfter(Duration.ofMillis(200)).build();
 * }</pre>
 */
public final class SimulatedLimits {
  private static final SimulatedLimits OFF = new SimulatedLimits(new Builder());

  private final Optional<Window> global;
  private final Optional<Window> perChat;
  private final Optional<Window> perGroup;
  private final Optional<Duration> retryAfter;

  /** One limit: at most {@code count} accepted calls in any window of {@code length}. */
  record Window(int count, Duration length) {}

  private SimulatedLimits(Builder b) {
    this.global = Optional.ofNullable(b.global);
    this.perChat = Optional.ofNullable(b.perChat);
    this.perGroup = Optional.ofNullable(b.perGroup);
    this.retryAfter = Optional.ofNullable(b.retryAfter);
  }

  /** No limits (the default). */
  public static SimulatedLimits off() {
    return OFF;
  }

  /**
   * Telegram's published limits: 30 messages per second overall, about one per second to a private
   * chat (a burst of 3 tolerated: 3 in any 3 s), 20 per minute to a group.
   */
  public static SimulatedLimits telegram() {
    return builder()
        .global(30, Duration.ofSeconds(1))
        .perChat(3, Duration.ofSeconds(3))
        .perGroup(20, Duration.ofMinutes(1))
        .build();
  }

  /** A builder with no limit set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether any limit is set. */
  public boolean enabled() {
    return global.isPresent() || perChat.isPresent() || perGroup.isPresent();
  }

  Optional<Window> global() {
    return global;
  }

  Optional<Window> perChat() {
    return perChat;
  }

  Optional<Window> perGroup() {
    return perGroup;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  @Override
  public String toString() {
    return "SimulatedLimits[global="
        + global.map(Object::toString).orElse("off")
        + ", perChat="
        + perChat.map(Object::toString).orElse("off")
        + ", perGroup="
        + perGroup.map(Object::toString).orElse("off")
        + ", retryAfter="
        + retryAfter.map(Object::toString).orElse("until the window frees")
        + "]";
  }

  /** Builds {@link SimulatedLimits}; each setting is optional. */
  public static final class Builder {
    private Window global;
    private Window perChat;
    private Window perGroup;
    private Duration retryAfter;

    private Builder() {}

    /** At most {@code count} sends over all chats in any window of {@code window}. */
    public Builder global(int count, Duration window) {
      this.global = window("global", count, window);
      return this;
    }

    /**
     * At most {@code count} sends and edits to one private chat in any window of {@code window}.
     */
    public Builder perChat(int count, Duration window) {
      this.perChat = window("perChat", count, window);
      return this;
    }

    /** At most {@code count} sends and edits to one group in any window of {@code window}. */
    public Builder perGroup(int count, Duration window) {
      this.perGroup = window("perGroup", count, window);
      return this;
    }

    /** A fixed penalty after a violation instead of "until the window admits the next send". */
    public Builder retryAfter(Duration penalty) {
      Objects.requireNonNull(penalty, "retryAfter");
      if (penalty.isNegative() || penalty.isZero()) {
        throw new IllegalArgumentException("retryAfter must be positive but was " + penalty);
      }
      this.retryAfter = penalty;
      return this;
    }

    /** The limits. */
    public SimulatedLimits build() {
      return new SimulatedLimits(this);
    }

    private static Window window(String name, int count, Duration window) {
      Objects.requireNonNull(window, name + " window");
      if (count < 1) {
        throw new IllegalArgumentException(name + " count must be at least 1 but was " + count);
      }
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(name + " window must be positive but was " + window);
      }
      return new Window(count, window);
    }
  }
}
