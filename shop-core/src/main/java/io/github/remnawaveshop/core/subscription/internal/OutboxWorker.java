package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.store.OutboxMessage;
import io.github.remnawaveshop.core.store.StoreException;
import io.github.remnawaveshop.core.store.Subscription;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.subscription.Notice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes the engine's outbox jobs on the store's lease protocol ({@code outbox().claim}): a
 * claim is one short statement that counts the attempt and leases the job ({@value #LEASE_MINUTES}
 * minutes); the job then runs with no transaction, connection or row lock held while the panel is
 * called, and ends with one statement: done, retry at {@code end of the attempt + backoff}, or DEAD
 * after {@code maxAttempts} with its error. A worker that dies leaves its job leased; it is due
 * again when the lease ends. Only the engine's own kinds are claimed: a host application's jobs in
 * the same table are left to it.
 *
 * <p>One run takes each due job at most once (claims are limited to jobs due when the run started).
 * When the panel fails transiently (after the client's own retries), the run does not call it
 * again: the remaining due panel jobs of the run are rescheduled with their backoff, as if they had
 * failed, so an outage costs one client retry budget per run, not one per job. The user is notified
 * after the job is recorded done. Thread-safe.
 */
public final class OutboxWorker {
  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  static final long LEASE_MINUTES = 10;

  /**
   * How long a claim holds: longer than any one job (a few panel calls, each within its retry
   * budget).
   */
  static final Duration LEASE = Duration.ofMinutes(LEASE_MINUTES);

  private final EngineContext ctx;
  private final Provisioner provisioner;

  /** Creates a worker. */
  public OutboxWorker(EngineContext ctx) {
    this.ctx = ctx;
    this.provisioner = new Provisioner(ctx);
  }

  /**
   * Processes the jobs due now, each at most once, up to the batch size.
   *
   * @return how many jobs were taken (done, retried, deferred or buried)
   */
  public int runOnce() {
    Instant runStart = ctx.now();
    boolean panelDown = false;
    int taken = 0;
    while (taken < ctx.outbox().batchSize()) {
      List<OutboxMessage> claimed;
      try {
        claimed = ctx.store().outbox().claim(OutboxKind.WIRE, runStart, 1, LEASE);
      } catch (StoreException e) {
        log.warn("Outbox claim failed; the run ends: {}", e.toString());
        return taken;
      }
      if (claimed.isEmpty()) {
        return taken;
      }
      OutboxMessage job = claimed.get(0);
      taken++;
      Optional<OutboxKind> kind = OutboxKind.of(job.kind());
      if (panelDown && kind.equals(Optional.of(OutboxKind.PROVISION))) {
        fail(job, "not attempted: the panel failed earlier in this run");
        tellPaymentPending(job);
        continue;
      }
      panelDown |= process(job, kind.orElseThrow());
    }
    return taken;
  }

  /** Runs one claimed job; true when the panel failed transiently. */
  private boolean process(OutboxMessage job, OutboxKind kind) {
    Optional<Notice> notice;
    try {
      notice = execute(job, kind);
    } catch (PanelException e) {
      fail(job, e.getClass().getSimpleName() + ": " + e.getMessage());
      if (kind == OutboxKind.PROVISION) {
        tellPaymentPending(job);
      }
      return e.isTransient();
    } catch (RuntimeException e) {
      // the job's own database work or payload failed: counted like any failure, DEAD after the
      // limit
      fail(job, e.getClass().getSimpleName() + ": " + e.getMessage());
      return false;
    }
    boolean completed;
    try {
      completed = ctx.store().outbox().complete(job.id(), job.attempts());
    } catch (StoreException e) {
      log.warn(
          "Outbox job {} ({}) ran but could not be recorded done; it runs again after its lease: {}",
          job.id(),
          job.kind(),
          e.toString());
      return false;
    }
    if (!completed) {
      log.warn(
          "Outbox job {} ({}) outlived its lease and was taken by another worker",
          job.id(),
          job.kind());
      return false;
    }
    notice.ifPresent(this::deliver);
    return false;
  }

  private Optional<Notice> execute(OutboxMessage job, OutboxKind kind) {
    Map<String, Object> payload = Outbox.read(job.payloadJson());
    long userId = Outbox.number(payload, "userId").longValue();
    switch (kind) {
      case PROVISION:
        {
          Provisioner.Synced synced = provisioner.sync(userId);
          if (!payload.containsKey("notice") || synced.user().blockedBotAt().isPresent()) {
            return Optional.empty();
          }
          Notice.Kind notice = Notice.Kind.valueOf(String.valueOf(payload.get("notice")));
          // the end that belonged to the event (a trial's end, even if a purchase extended it
          // since)
          Optional<Instant> eventEnd = endOf(payload);
          return synced
              .subscription()
              .map(
                  s ->
                      new Notice(
                          notice,
                          synced.user().telegramId(),
                          eventEnd.orElse(s.endsAt()),
                          0,
                          synced.panelUser().flatMap(p -> p.subscriptionUrl())));
        }
      case REMINDER:
        {
          Instant endsAt = Instant.ofEpochSecond(Outbox.number(payload, "endsAt").longValue());
          int daysLeft = Outbox.number(payload, "daysLeft").intValue();
          Optional<User> user =
              ctx.store().users().findById(userId).filter(u -> u.blockedBotAt().isEmpty());
          Optional<Subscription> sub = ctx.store().subscriptions().findActiveByUserId(userId);
          // renewed or cancelled since the reminder was planned: nothing to remind of
          if (user.isEmpty()
              || sub.isEmpty()
              || sub.get().endsAt().getEpochSecond() != endsAt.getEpochSecond()) {
            return Optional.empty();
          }
          return Optional.of(
              new Notice(
                  Notice.Kind.EXPIRY_REMINDER,
                  user.get().telegramId(),
                  sub.get().endsAt(),
                  daysLeft,
                  Optional.empty()));
        }
      case NOTICE:
        {
          Optional<User> user =
              ctx.store().users().findById(userId).filter(u -> u.blockedBotAt().isEmpty());
          Optional<Subscription> sub = ctx.store().subscriptions().findLatestByUserId(userId);
          Notice.Kind notice = Notice.Kind.valueOf(String.valueOf(payload.get("notice")));
          return user.flatMap(
              u ->
                  sub.map(
                      s -> new Notice(notice, u.telegramId(), s.endsAt(), 0, Optional.empty())));
        }
      default:
        throw new IllegalStateException("unhandled outbox job kind " + kind);
    }
  }

  /**
   * Records a failed attempt (already counted by the claim): retry after the backoff from now, or
   * DEAD.
   */
  private void fail(OutboxMessage job, String error) {
    int attempts = job.attempts();
    try {
      if (attempts >= ctx.outbox().maxAttempts()) {
        ctx.store().outbox().bury(job.id(), attempts, error);
        log.error(
            "Outbox job {} ({}) gave up after {} attempts: {}",
            job.id(),
            job.kind(),
            attempts,
            error);
        return;
      }
      Instant next = ctx.now().plus(ctx.outbox().backoff(attempts));
      ctx.store().outbox().retry(job.id(), attempts, next, error);
      log.warn(
          "Outbox job {} ({}) failed (attempt {}), retry at {}: {}",
          job.id(),
          job.kind(),
          attempts,
          next,
          error);
    } catch (StoreException e) {
      log.warn(
          "Outbox job {} ({}) failed and the failure could not be recorded; it is due again after its lease: "
              + "{}",
          job.id(),
          job.kind(),
          e.toString());
    }
  }

  private static Optional<Instant> endOf(Map<String, Object> payload) {
    return Optional.ofNullable(payload.get(Outbox.ENDS_AT))
        .map(String::valueOf)
        .map(Instant::parse);
  }

  /**
   * After the first failed attempt to provision a credited payment, tells the user once that the
   * money arrived and access is being set up ({@link Notice.Kind#PAYMENT_RECEIVED_PENDING}); the
   * first attempt happens once per job, and there is one job per payment. Later attempts stay quiet
   * until {@link Notice.Kind#PAYMENT_CREDITED}.
   */
  private void tellPaymentPending(OutboxMessage job) {
    if (job.attempts() != 1) {
      return;
    }
    try {
      Map<String, Object> payload = Outbox.read(job.payloadJson());
      if (!Notice.Kind.PAYMENT_CREDITED.name().equals(String.valueOf(payload.get("notice")))) {
        return;
      }
      long userId = Outbox.number(payload, "userId").longValue();
      Optional<User> user =
          ctx.store().users().findById(userId).filter(u -> u.blockedBotAt().isEmpty());
      Optional<Instant> end =
          endOf(payload)
              .or(
                  () ->
                      ctx.store()
                          .subscriptions()
                          .findActiveByUserId(userId)
                          .map(Subscription::endsAt));
      if (user.isPresent() && end.isPresent()) {
        deliver(
            new Notice(
                Notice.Kind.PAYMENT_RECEIVED_PENDING,
                user.get().telegramId(),
                end.get(),
                0,
                Optional.empty()));
      }
    } catch (RuntimeException e) {
      log.warn(
          "Outbox job {}: the payment-received notice could not be prepared: {}",
          job.id(),
          e.toString());
    }
  }

  private void deliver(Notice notice) {
    try {
      ctx.notifier().notify(notice);
    } catch (RuntimeException e) {
      log.warn(
          "Notifier failed for {} of user {}: {}",
          notice.kind(),
          notice.telegramId(),
          e.toString());
    }
  }
}
