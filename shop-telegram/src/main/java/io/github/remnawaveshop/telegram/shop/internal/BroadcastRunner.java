package io.github.remnawaveshop.telegram.shop.internal;

import io.github.remnawaveshop.core.store.Broadcast;
import io.github.remnawaveshop.core.store.BroadcastRepository;
import io.github.remnawaveshop.core.store.BroadcastStatus;
import io.github.remnawaveshop.core.store.DeliveryState;
import io.github.remnawaveshop.telegram.api.BroadcastProgress;
import io.github.remnawaveshop.telegram.api.Lane;
import io.github.remnawaveshop.telegram.api.methods.EditMessageText;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a stored broadcast through the throttle's bulk lane in batches: each batch's recipients are
 * first marked SENDING in PostgreSQL, then sent, then their outcome recorded, so a restart resumes
 * with the PENDING ones and never sends anyone twice. The admin's progress message is edited at
 * most every 2 s; users who blocked the bot are marked in the engine.
 */
public final class BroadcastRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BroadcastRunner.class);
  private static final int BATCH = 200;
  private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

  private final ShopServices s;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "shop-broadcasts");
            t.setDaemon(true);
            return t;
          });
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * A runner.
   *
   * @param s the shop
   */
  public BroadcastRunner(ShopServices s) {
    this.s = s;
  }

  /**
   * Starts (or resumes) a broadcast in the background; the admin chat gets progress and the final
   * report.
   */
  public CompletableFuture<Map<DeliveryState, Long>> start(Broadcast b, long adminChat) {
    if (!running.add(b.id())) {
      return CompletableFuture.completedFuture(s.store().broadcasts().counts(b.id()));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return run(b, adminChat);
          } finally {
            running.remove(b.id());
          }
        },
        executor);
  }

  /** Resumes every broadcast left RUNNING by a stop or crash; the report goes to its admin. */
  public List<Broadcast> resumeAll() {
    List<Broadcast> open = s.store().broadcasts().listRunning();
    for (Broadcast b : open) {
      log.info("Resuming broadcast {} ({} recipients)", b.id(), b.recipients());
      start(b, b.createdBy());
    }
    return open;
  }

  private Map<DeliveryState, Long> run(Broadcast b, long adminChat) {
    BroadcastRepository repo = s.store().broadcasts();
    Optional<InlineKeyboardMarkup> button =
        b.buttonText()
            .map(
                t ->
                    InlineKeyboardMarkup.column(
                        List.of(InlineKeyboardButton.url(t, b.buttonUrl().orElseThrow()))));
    String lang =
        s.store()
            .users()
            .findByTelegramId(adminChat)
            .map(u -> u.language())
            .orElse(s.texts().defaultLanguage());
    Message progress =
        s.bot()
            .execute(
                SendMessage.to(adminChat, progressText(lang, b, repo.counts(b.id())))
                    .parseMode(ParseMode.HTML));
    AtomicLong lastEdit = new AtomicLong(System.nanoTime());
    while (!closed) {
      List<Long> batch = repo.claimPending(b.id(), BATCH);
      if (batch.isEmpty()) {
        break;
      }
      io.github.remnawaveshop.telegram.api.Broadcast send =
          io.github.remnawaveshop.telegram.api.Broadcast.builder()
              .recipients(batch)
              .message(
                  chat -> {
                    SendMessage m = SendMessage.to(chat, b.text()).parseMode(ParseMode.HTML);
                    return button.map(m::keyboard).orElse(m);
                  })
              .onDelivery(
                  (chat, outcome) -> {
                    switch (outcome) {
                      case SENT ->
                          repo.recordOutcome(b.id(), chat, DeliveryState.SENT, Optional.empty());
                      case BLOCKED -> {
                        repo.recordOutcome(b.id(), chat, DeliveryState.BLOCKED, Optional.empty());
                        s.engine().markBlockedBot(chat);
                      }
                      default ->
                          repo.recordOutcome(
                              b.id(), chat, DeliveryState.FAILED, Optional.of("send failed"));
                    }
                  })
              .onProgress(
                  (BroadcastProgress p) -> {
                    long now = System.nanoTime();
                    long last = lastEdit.get();
                    if (now - last >= PROGRESS_EVERY_NANOS && lastEdit.compareAndSet(last, now)) {
                      editProgress(adminChat, progress, progressText(lang, b, repo.counts(b.id())));
                    }
                  })
              .build();
      try {
        var report = s.bot().broadcast(send).get(1, TimeUnit.HOURS);
        report
            .failed()
            .forEach(
                (chat, why) ->
                    repo.recordOutcome(b.id(), chat, DeliveryState.FAILED, Optional.of(why)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return repo.counts(b.id());
      } catch (Exception e) {
        log.warn(
            "Broadcast {} batch failed: {}; the rest stays pending for a resume",
            b.id(),
            e.toString());
        return repo.counts(b.id());
      }
    }
    if (closed) {
      return repo.counts(b.id());
    }
    repo.finish(b.id(), BroadcastStatus.DONE);
    Map<DeliveryState, Long> counts = repo.counts(b.id());
    editProgress(adminChat, progress, progressText(lang, b, counts));
    s.bot()
        .executeAsync(
            SendMessage.to(
                    adminChat,
                    s.texts()
                        .get(
                            lang,
                            "admin.bc.done",
                            Long.toString(b.id()),
                            counts.get(DeliveryState.SENT),
                            counts.get(DeliveryState.BLOCKED),
                            counts.get(DeliveryState.FAILED)))
                .parseMode(ParseMode.HTML),
            Lane.INTERACTIVE);
    return counts;
  }

  private String progressText(String lang, Broadcast b, Map<DeliveryState, Long> c) {
    long done =
        c.get(DeliveryState.SENT) + c.get(DeliveryState.BLOCKED) + c.get(DeliveryState.FAILED);
    return s.texts()
        .get(
            lang,
            "admin.bc.progress",
            Long.toString(b.id()),
            done,
            b.recipients(),
            c.get(DeliveryState.SENT),
            c.get(DeliveryState.BLOCKED),
            c.get(DeliveryState.FAILED));
  }

  private void editProgress(long chat, Message progress, String text) {
    s.bot()
        .executeAsync(
            EditMessageText.of(chat, progress.messageId(), text).parseMode(ParseMode.HTML))
        .exceptionally(e -> null);
  }

  /** Stops between batches (the current batch finishes and is recorded; the rest stays PENDING). */
  @Override
  public void close() {
    closed = true;
    executor.shutdown();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
