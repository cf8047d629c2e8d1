package io.github.remnawaveshop.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admin broadcasts and their per-recipient progress. */
public interface BroadcastRepository {

  /**
   * Starts a broadcast: records it and snapshots its audience as PENDING recipients, in one
   * transaction.
   *
   * @param text the message
   * @param buttonText an optional URL button's label
   * @param buttonUrl that button's URL (both or neither)
   * @param audience who gets it
   * @param createdBy the admin
   * @return the broadcast, with its recipient count
   */
  Broadcast start(
      String text,
      Optional<String> buttonText,
      Optional<String> buttonUrl,
      BroadcastAudience audience,
      long createdBy);

  /** A broadcast by id. */
  Optional<Broadcast> findById(long id);

  /** Broadcasts still RUNNING (to resume after a restart), oldest first. */
  List<Broadcast> listRunning();

  /** How many users an audience has now. */
  long countAudience(BroadcastAudience audience);

  /**
   * Takes up to {@code limit} PENDING recipients, lowest Telegram id first, and marks them SENDING,
   * so that no other run and no restart sends to them again.
   */
  List<Long> claimPending(long broadcastId, int limit);

  /** Records a recipient's outcome (SENT, BLOCKED or FAILED). */
  void recordOutcome(
      long broadcastId, long telegramId, DeliveryState state, Optional<String> error);

  /** Recipients per state. */
  Map<DeliveryState, Long> counts(long broadcastId);

  /**
   * Ends a broadcast: recipients left SENDING (interrupted mid-send) become FAILED, and the status
   * is set.
   *
   * @return the broadcast, if it exists
   */
  Optional<Broadcast> finish(long broadcastId, BroadcastStatus status);
}
