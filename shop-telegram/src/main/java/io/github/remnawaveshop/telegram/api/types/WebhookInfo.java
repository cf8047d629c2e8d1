package io.github.remnawaveshop.telegram.api.types;

import java.util.List;
import java.util.Optional;

/**
 * The webhook's state, from {@code getWebhookInfo}.
 *
 * @param url the webhook URL, empty when long polling
 * @param pendingUpdateCount updates waiting to be delivered
 * @param lastErrorDate when the last delivery failed (unix seconds)
 * @param lastErrorMessage why it failed
 * @param maxConnections parallel connections Telegram uses
 * @param allowedUpdates the update kinds subscribed to
 */
public record WebhookInfo(
    String url,
    int pendingUpdateCount,
    Optional<Long> lastErrorDate,
    Optional<String> lastErrorMessage,
    Optional<Integer> maxConnections,
    List<String> allowedUpdates) {
  /** Normalises absent parts. */
  public WebhookInfo {
    url = url == null ? "" : url;
    lastErrorDate = Types.opt(lastErrorDate);
    lastErrorMessage = Types.opt(lastErrorMessage);
    maxConnections = Types.opt(maxConnections);
    allowedUpdates = Types.list(allowedUpdates);
  }
}
