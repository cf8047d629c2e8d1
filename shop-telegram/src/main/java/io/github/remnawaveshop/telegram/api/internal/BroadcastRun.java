package io.github.remnawaveshop.telegram.api.internal;

import io.github.remnawaveshop.telegram.api.BotBlockedException;
import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.Broadcast;
import io.github.remnawaveshop.telegram.api.Broadcast.DeliveryOutcome;
import io.github.remnawaveshop.telegram.api.BroadcastProgress;
import io.github.remnawaveshop.telegram.api.BroadcastReport;
import io.github.remnawaveshop.telegram.api.Lane;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running broadcast: keeps up to {@code maxInFlight} calls in the bulk lane and counts
 * outcomes.
 */
public final class BroadcastRun {
  private static final Logger log = LoggerFactory.getLogger(BroadcastRun.class);

  private final TelegramBot bot;
  private final Broadcast broadcast;
  private final CompletableFuture<BroadcastReport> result = new CompletableFuture<>();
  private final List<Long> blocked = new ArrayList<>();
  private final Map<Long, String> failed = new LinkedHashMap<>();
  private final long started = System.nanoTime();
  private int next;
  private int sent;
  private int done;

  /**
   * A run.
   *
   * @param bot the client
   * @param broadcast what to send
   */
  public BroadcastRun(TelegramBot bot, Broadcast broadcast) {
    this.bot = bot;
    this.broadcast = broadcast;
  }

  /** Starts sending; the future completes when every recipient has an outcome. */
  public CompletableFuture<BroadcastReport> start() {
    if (broadcast.recipients().isEmpty()) {
      finish();
      return result;
    }
    int first = Math.min(broadcast.maxInFlight(), broadcast.recipients().size());
    for (int i = 0; i < first; i++) {
      launchNext();
    }
    return result;
  }

  private void launchNext() {
    long chat;
    synchronized (this) {
      if (next >= broadcast.recipients().size()) {
        return;
      }
      chat = broadcast.recipients().get(next++);
    }
    CompletableFuture<?> call;
    try {
      BotMethod<?> method = broadcast.message().apply(chat);
      call = bot.executeAsync(method, Lane.BULK);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete(
        (value, error) -> {
          record(chat, error);
          launchNext();
        });
  }

  private void record(long chat, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    DeliveryOutcome outcome;
    BroadcastProgress progress = null;
    boolean last;
    synchronized (this) {
      if (cause == null) {
        sent++;
        outcome = DeliveryOutcome.SENT;
      } else if (cause instanceof BotBlockedException) {
        blocked.add(chat);
        outcome = DeliveryOutcome.BLOCKED;
      } else {
        failed.put(
            chat,
            cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        outcome = DeliveryOutcome.FAILED;
      }
      done++;
      last = done == broadcast.recipients().size();
      if (last || done % broadcast.progressEvery() == 0) {
        progress =
            new BroadcastProgress(
                broadcast.recipients().size(), sent, blocked.size(), failed.size());
      }
    }
    safely(() -> broadcast.onDelivery().accept(chat, outcome));
    if (progress != null) {
      BroadcastProgress p = progress;
      safely(() -> broadcast.onProgress().accept(p));
    }
    if (last) {
      finish();
    }
  }

  private synchronized void finish() {
    result.complete(
        new BroadcastReport(sent, blocked, failed, Duration.ofNanos(System.nanoTime() - started)));
  }

  private static void safely(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.warn("A broadcast callback failed", e);
    }
  }
}
