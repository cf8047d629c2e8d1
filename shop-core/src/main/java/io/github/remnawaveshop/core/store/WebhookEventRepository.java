package io.github.remnawaveshop.core.store;

import java.time.Instant;

/**
 * Provider webhook events already processed, for de-duplicating redeliveries. Mark the event in the
 * same {@link ShopStore#inTransaction} that applies it: if that transaction rolls back, the event
 * stays unprocessed and its redelivery is applied. Obtained from {@link ShopStore#webhookEvents()}
 * or {@link StoreTransaction#webhookEvents()}.
 */
public interface WebhookEventRepository {
  /**
   * Records an event as processed.
   *
   * @param provider gateway id
   * @param eventId the provider's event id
   * @return {@code true} when this call recorded it (process it), {@code false} when it was
   *     recorded before
   */
  boolean markProcessed(String provider, String eventId);

  /**
   * @param provider gateway id @param eventId the provider's event id @return whether it was
   *     recorded
   */
  boolean isProcessed(String provider, String eventId);

  /**
   * @param before exclusive bound of the receive time @return how many records were deleted
   */
  int pruneReceivedBefore(Instant before);
}
