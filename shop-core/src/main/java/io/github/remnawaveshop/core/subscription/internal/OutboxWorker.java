package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.subscription.Notice;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes outbox jobs. Each job is claimed with {@code FOR UPDATE SKIP LOCKED} in its own transaction,
 * which stays open while the panel is called, so several workers (threads or instances) never take the same
 * job, and a worker that dies (its connection closes) releases the job to the others. A job that fails is
 * rescheduled with exponential backoff; after {@code maxAttempts} it is marked {@code DEAD}. The user is
 * notified after the job is committed as done. Thread-safe.
 */
public final class OutboxWorker {
  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  /** Namespace of the per-user advisory lock that serialises provisioning of one user across workers. */
  private static final long USER_LOCK_SPACE = 0x53484F50_00000000L;

  private final EngineContext ctx;
  private final Provisioner provisioner;

  /** Creates a worker. */
  public OutboxWorker(EngineContext ctx) {
    this.ctx = ctx;
    this.provisioner = new Provisioner(ctx);
  }

  /**
   * Processes due jobs until none is left or the batch size is reached.
   *
   * @return how many jobs were attempted
   */
  public int runOnce() {
    int done = 0;
    while (done < ctx.outbox().batchSize() && processOne()) {
      done++;
    }
    return done;
  }

  /** Claims and processes one due job; false when there was none. */
  public boolean processOne() {
    Optional<Notice> notice;
    try (Handle h = ctx.jdbi().open()) {
      h.begin();
      Instant now = ctx.now();
      Optional<Job> claimed = h.createQuery("SELECT id, kind, payload::text AS payload, attempts FROM shop_outbox "
              + "WHERE status = 'PENDING' AND available_at <= :now ORDER BY available_at, id "
              + "LIMIT 1 FOR UPDATE SKIP LOCKED")
          .bind("now", Sql.ts(now))
          .map((rs, c) -> new Job(rs.getLong("id"), rs.getString("kind"), Outbox.read(rs.getString("payload")),
              rs.getInt("attempts")))
          .findOne();
      if (claimed.isEmpty()) {
        h.rollback();
        return false;
      }
      Job job = claimed.get();
      try {
        notice = execute(h, job);
      } catch (RuntimeException e) {
        if (e instanceof JdbiException) {
          throw e;
        }
        fail(h, job, e, now);
        h.commit();
        return true;
      }
      h.createUpdate("UPDATE shop_outbox SET status = 'DONE', attempts = attempts + 1, finished_at = :now, "
              + "last_error = NULL WHERE id = :id").bind("now", Sql.ts(now)).bind("id", job.id).execute();
      h.commit();
    } catch (JdbiException e) {
      // the connection broke or the database refused: the transaction is gone, the job is free again
      log.warn("Outbox job abandoned, it will be picked up again: {}", e.toString());
      return true;
    }
    notice.ifPresent(this::deliver);
    return true;
  }

  private Optional<Notice> execute(Handle h, Job job) {
    long userId = ((Number) job.payload.get("userId")).longValue();
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:k)").bind("k", USER_LOCK_SPACE ^ userId).mapTo(Integer.class).one();
    switch (job.kind) {
      case Outbox.PROVISION: {
        Provisioner.Synced synced = provisioner.sync(h, userId);
        Notice.Kind kind = Notice.Kind.valueOf(String.valueOf(job.payload.get("notice")));
        return synced.subscription().map(s -> new Notice(kind, synced.user().telegramId(), s.endsAt(), 0,
            synced.panelUser().flatMap(p -> p.subscriptionUrl())));
      }
      case Outbox.REMINDER: {
        Instant endsAt = Instant.ofEpochSecond(((Number) job.payload.get("endsAt")).longValue());
        int daysLeft = ((Number) job.payload.get("daysLeft")).intValue();
        var user = Sql.userById(h, userId);
        var sub = Sql.activeSubscription(h, userId);
        // renewed or cancelled since the reminder was planned: nothing to remind of
        if (user.isEmpty() || sub.isEmpty() || sub.get().endsAt().getEpochSecond() != endsAt.getEpochSecond()) {
          return Optional.empty();
        }
        return Optional.of(new Notice(Notice.Kind.EXPIRY_REMINDER, user.get().telegramId(), sub.get().endsAt(),
            daysLeft, Optional.empty()));
      }
      case Outbox.NOTICE: {
        var user = Sql.userById(h, userId);
        var sub = Sql.latestSubscription(h, userId);
        Notice.Kind kind = Notice.Kind.valueOf(String.valueOf(job.payload.get("notice")));
        return user.flatMap(u -> sub.map(s -> new Notice(kind, u.telegramId(), s.endsAt(), 0, Optional.empty())));
      }
      default:
        throw new IllegalStateException("unknown outbox job kind '" + job.kind + "'");
    }
  }

  private void fail(Handle h, Job job, RuntimeException e, Instant now) {
    int attempts = job.attempts + 1;
    String error = (e.getClass().getSimpleName() + ": " + e.getMessage());
    error = error.length() > 2000 ? error.substring(0, 2000) : error;
    if (attempts >= ctx.outbox().maxAttempts()) {
      h.createUpdate("UPDATE shop_outbox SET status = 'DEAD', attempts = :a, finished_at = :now, last_error = :err "
              + "WHERE id = :id").bind("a", attempts).bind("now", Sql.ts(now)).bind("err", error).bind("id", job.id)
          .execute();
      log.error("Outbox job {} ({}) gave up after {} attempts: {}", job.id, job.kind, attempts, error);
      return;
    }
    Instant next = now.plus(ctx.outbox().backoff(attempts));
    h.createUpdate("UPDATE shop_outbox SET attempts = :a, available_at = :next, last_error = :err WHERE id = :id")
        .bind("a", attempts).bind("next", Sql.ts(next)).bind("err", error).bind("id", job.id).execute();
    log.warn("Outbox job {} ({}) failed (attempt {}), retry at {}: {}", job.id, job.kind, attempts, next, error);
  }

  private void deliver(Notice notice) {
    try {
      ctx.notifier().notify(notice);
    } catch (RuntimeException e) {
      log.warn("Notifier failed for {} of user {}: {}", notice.kind(), notice.telegramId(), e.toString());
    }
  }

  private record Job(long id, String kind, Map<String, Object> payload, int attempts) {}
}
