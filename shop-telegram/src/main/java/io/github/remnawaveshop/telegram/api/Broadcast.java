package io.github.remnawaveshop.telegram.api;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One message to many chats, sent through the throttle's {@link Lane#BULK} lane by {@link
 * TelegramBot#broadcast(Broadcast)}. The message is made per recipient (so it can be personalised);
 * each recipient's outcome is reported as it happens ({@link Builder#onDelivery}) — store it to
 * resume a broadcast after a restart without sending anyone twice — and progress every {@link
 * Builder#progressEvery} recipients. Immutable.
 */
public final class Broadcast {
  private final List<Long> recipients;
  private final LongFunction<BotMethod<?>> message;
  private final Consumer<BroadcastProgress> onProgress;
  private final BiConsumer<Long, DeliveryOutcome> onDelivery;
  private final int progressEvery;
  private final int maxInFlight;

  private Broadcast(Builder b) {
    this.recipients = List.copyOf(b.recipients);
    this.message = b.message;
    this.onProgress = b.onProgress;
    this.onDelivery = b.onDelivery;
    this.progressEvery = b.progressEvery;
    this.maxInFlight = b.maxInFlight;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The chats, in sending order. */
  public List<Long> recipients() {
    return recipients;
  }

  /** Makes the call for one chat. */
  public LongFunction<BotMethod<?>> message() {
    return message;
  }

  /** Called with progress (on an HTTP thread: keep it short). */
  public Consumer<BroadcastProgress> onProgress() {
    return onProgress;
  }

  /** Called once per recipient with its outcome. */
  public BiConsumer<Long, DeliveryOutcome> onDelivery() {
    return onDelivery;
  }

  /** Progress is reported every this many recipients, and at the end. */
  public int progressEvery() {
    return progressEvery;
  }

  /** How many calls of this broadcast may wait in the throttle at once. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** What happened to one recipient. */
  public enum DeliveryOutcome {
    /** Telegram accepted the message. */
    SENT,
    /** 403: the user blocked the bot; mark them. */
    BLOCKED,
    /** Any other error. */
    FAILED
  }

  /** Builder of {@link Broadcast}; not thread-safe. */
  public static final class Builder {
    private List<Long> recipients = List.of();
    private LongFunction<BotMethod<?>> message;
    private Consumer<BroadcastProgress> onProgress = p -> {};
    private BiConsumer<Long, DeliveryOutcome> onDelivery = (c, o) -> {};
    private int progressEvery = 25;
    private int maxInFlight = 64;

    private Builder() {}

    /** The chats to send to. */
    public Builder recipients(List<Long> recipients) {
      this.recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
      return this;
    }

    /** Makes the call for each chat, e.g. {@code chat -> SendMessage.to(chat, text)}. */
    public Builder message(LongFunction<BotMethod<?>> message) {
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /** Receives progress reports. */
    public Builder onProgress(Consumer<BroadcastProgress> onProgress) {
      this.onProgress = Objects.requireNonNull(onProgress, "onProgress");
      return this;
    }

    /** Receives each recipient's outcome. */
    public Builder onDelivery(BiConsumer<Long, DeliveryOutcome> onDelivery) {
      this.onDelivery = Objects.requireNonNull(onDelivery, "onDelivery");
      return this;
    }

    /** Report progress every {@code n} recipients (default 25). */
    public Builder progressEvery(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("progressEvery must be at least 1; was " + n);
      }
      this.progressEvery = n;
      return this;
    }

    /** At most {@code n} calls of this broadcast in the throttle's queue at once (default 64). */
    public Builder maxInFlight(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1; was " + n);
      }
      this.maxInFlight = n;
      return this;
    }

    /** The broadcast. */
    public Broadcast build() {
      if (message == null) {
        throw new IllegalArgumentException("message must be set (chat id -> Bot API call)");
      }
      return new Broadcast(this);
    }
  }
}
