package io.github.remnawaveshop.telegram.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The outgoing-message limits a {@link TelegramBot} keeps to: a sliding window overall, per private
 * chat and per group, each "at most N messages in any window of D". Every message-sending call
 * waits in the throttle's queue (never on the caller's thread) until all its windows have room; a
 * 429 {@code retry_after} pauses the chat (and, for bulk traffic, everything) for that long and the
 * call is retried at the head of its queue, never dropped. Immutable; {@link #telegramDefaults()}
 * are Telegram's published limits.
 */
public final class Throttle {
  private final int globalLimit;
  private final Duration globalWindow;
  private final int chatLimit;
  private final Duration chatWindow;
  private final int groupLimit;
  private final Duration groupWindow;
  private final Duration maxRetryWait;
  private final int maxQueued;

  private Throttle(Builder b) {
    this.globalLimit = b.globalLimit;
    this.globalWindow = b.globalWindow;
    this.chatLimit = b.chatLimit;
    this.chatWindow = b.chatWindow;
    this.groupLimit = b.groupLimit;
    this.groupWindow = b.groupWindow;
    this.maxRetryWait = b.maxRetryWait;
    this.maxQueued = b.maxQueued;
  }

  /** 30 messages per second overall, 1 per second per chat, 20 per minute per group. */
  public static Throttle telegramDefaults() {
    return builder().build();
  }

  /** No limits of its own (a local Bot API server, tests); 429 answers are still obeyed. */
  public static Throttle unlimited() {
    return builder()
        .global(Integer.MAX_VALUE, Duration.ofSeconds(1))
        .perChat(Integer.MAX_VALUE, Duration.ofSeconds(1))
        .perGroup(Integer.MAX_VALUE, Duration.ofSeconds(1))
        .build();
  }

  /** A builder starting from {@link #telegramDefaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.globalLimit = globalLimit;
    b.globalWindow = globalWindow;
    b.chatLimit = chatLimit;
    b.chatWindow = chatWindow;
    b.groupLimit = groupLimit;
    b.groupWindow = groupWindow;
    b.maxRetryWait = maxRetryWait;
    b.maxQueued = maxQueued;
    return b;
  }

  /** Messages allowed in any {@link #globalWindow()} overall. */
  public int globalLimit() {
    return globalLimit;
  }

  /** The overall window. */
  public Duration globalWindow() {
    return globalWindow;
  }

  /** Messages allowed in any {@link #chatWindow()} to one chat (groups too). */
  public int chatLimit() {
    return chatLimit;
  }

  /** The per-chat window. */
  public Duration chatWindow() {
    return chatWindow;
  }

  /** Messages allowed in any {@link #groupWindow()} to one group. */
  public int groupLimit() {
    return groupLimit;
  }

  /** The per-group window. */
  public Duration groupWindow() {
    return groupWindow;
  }

  /** The longest total time one call may wait for {@code retry_after} before it fails. */
  public Duration maxRetryWait() {
    return maxRetryWait;
  }

  /** Calls that may wait in the queue at once; more fail at once. */
  public int maxQueued() {
    return maxQueued;
  }

  @Override
  public String toString() {
    return "Throttle[global "
        + globalLimit
        + "/"
        + globalWindow
        + ", chat "
        + chatLimit
        + "/"
        + chatWindow
        + ", group "
        + groupLimit
        + "/"
        + groupWindow
        + "]";
  }

  /** Builder of {@link Throttle}; not thread-safe. */
  public static final class Builder {
    private int globalLimit = 30;
    private Duration globalWindow = Duration.ofSeconds(1);
    private int chatLimit = 1;
    private Duration chatWindow = Duration.ofSeconds(1);
    private int groupLimit = 20;
    private Duration groupWindow = Duration.ofMinutes(1);
    private Duration maxRetryWait = Duration.ofMinutes(5);
    private int maxQueued = 100_000;

    private Builder() {}

    /** At most {@code limit} messages in any {@code window} overall (default 30 per second). */
    public Builder global(int limit, Duration window) {
      globalLimit = checkLimit("global", limit);
      globalWindow = checkWindow("global", window);
      return this;
    }

    /** At most {@code limit} messages in any {@code window} to one chat (default 1 per second). */
    public Builder perChat(int limit, Duration window) {
      chatLimit = checkLimit("perChat", limit);
      chatWindow = checkWindow("perChat", window);
      return this;
    }

    /**
     * At most {@code limit} messages in any {@code window} to one group (default 20 per minute).
     */
    public Builder perGroup(int limit, Duration window) {
      groupLimit = checkLimit("perGroup", limit);
      groupWindow = checkWindow("perGroup", window);
      return this;
    }

    /**
     * The longest total {@code retry_after} wait for one call before it fails (default 5 minutes).
     */
    public Builder maxRetryWait(Duration wait) {
      Objects.requireNonNull(wait, "maxRetryWait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("maxRetryWait must be zero or more; was " + wait);
      }
      maxRetryWait = wait;
      return this;
    }

    /** How many calls may wait at once (default 100,000); beyond it a call fails at once. */
    public Builder maxQueued(int max) {
      maxQueued = checkLimit("maxQueued", max);
      return this;
    }

    /** The settings. */
    public Throttle build() {
      return new Throttle(this);
    }

    private static int checkLimit(String name, int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException(name + " limit must be at least 1; was " + limit);
      }
      return limit;
    }

    private static Duration checkWindow(String name, Duration window) {
      Objects.requireNonNull(window, name + " window");
      if (window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException(name + " window must be positive; was " + window);
      }
      return window;
    }
  }
}
