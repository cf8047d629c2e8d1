package io.github.remnawaveshop.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox. Enqueue in the transaction that makes a change; workers
 * {@link #claim} due messages (several workers never claim the same row: {@code FOR UPDATE SKIP
 * LOCKED}), handle them, and {@link #complete}, {@link #retry} or {@link #bury} them. A claim is a
 * lease: a worker that dies leaves its messages due again when the lease ends. A message's
 * {@code attempts} is the lease token: finishing calls succeed only for the latest claim.
 * Obtained from {@link ShopStore#outbox()} or {@link StoreTransaction#outbox()}.
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

  /** @param id message id @param attempt the claimed message's attempts @return whether this call marked it done */
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

  /** @param id message id @return the message, if any */
  Optional<OutboxMessage> findById(long id);

  /** @return how many messages are pending */
  long countPending();

  /** @param before exclusive bound of the finish time @return how many done messages were deleted */
  int purgeDoneBefore(Instant before);
}
