package io.github.remnawaveshop.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The transactional outbox. Enqueue in the transaction that makes a change; workers {@link #claim}
 * due messages (several workers never claim the same row: {@code FOR UPDATE SKIP LOCKED}), handle
 * them, and {@link #complete}, {@link #retry} or {@link #bury} them. A claim is a lease: a worker
 * that dies leaves its messages due again when the lease ends. A message's {@code attempts} is the
 * lease token: finishing calls succeed only for the latest claim. Obtained from {@link
 * ShopStore#outbox()} or {@link StoreTransaction#outbox()}.
 */
public interface OutboxRepository {
  /**
   * Enqueues a message.
   *
   * @param message the message
   * @return the stored message; empty when one with the same dedupe key exists
   */
  Optional<OutboxMessage> enqueue(NewOutboxMessage message);

  /**
   * Claims due pending messages, oldest due first: counts an attempt and pushes the due time to the
   * end of the lease.
   *
   * @param limit at most this many, 1 to {@value PageRequest#MAX_SIZE}
   * @param lease how long the claim holds, positive
   * @return the claimed messages (with their new attempt count)
   */
  List<OutboxMessage> claim(int limit, Duration lease);

  /**
   * Claims due pending messages of the given kinds only, oldest due first, that were due at {@code
   * dueBy}: as {@link #claim(int, Duration)}, for a worker that handles some kinds and leaves the
   * others (e.g. a host application's own jobs) to their own workers. A worker that passes the
   * start of its run as {@code dueBy} takes each message at most once per run, even when a retry it
   * scheduled during the run becomes due before the run ends.
   *
   * @param kinds the kinds to take, not empty
   * @param dueBy only messages due at or before this instant (and before now)
   * @param limit at most this many, 1 to {@value PageRequest#MAX_SIZE}
   * @param lease how long the claim holds, positive
   * @return the claimed messages (with their new attempt count), by id
   */
  List<OutboxMessage> claim(Set<String> kinds, Instant dueBy, int limit, Duration lease);

  /**
   * @param id message id @param attempt the claimed message's attempts @return whether this call
   *     marked it done
   */
  boolean complete(long id, int attempt);

  /**
   * Leaves a claimed message pending until a later time.
   *
   * @param id message id
   * @param attempt the claimed message's attempts
   * @param availableAt when to try again
   * @param error what went wrong (truncated to 2000 characters; keep secrets out)
   * @return whether this call changed it
   */
  boolean retry(long id, int attempt, Instant availableAt, String error);

  /**
   * Gives up on a claimed message.
   *
   * @param id message id
   * @param attempt the claimed message's attempts
   * @param error what went wrong (truncated to 2000 characters; keep secrets out)
   * @return whether this call changed it
   */
  boolean bury(long id, int attempt, String error);

  /**
   * @param id message id @return the message, if any
   */
  Optional<OutboxMessage> findById(long id);

  /**
   * @return how many messages are pending
   */
  long countPending();

  /**
   * @param before exclusive bound of the finish time @return how many done messages were deleted
   */
  int purgeDoneBefore(Instant before);
}
