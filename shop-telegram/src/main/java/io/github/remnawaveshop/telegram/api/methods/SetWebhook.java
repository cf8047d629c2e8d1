package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code setWebhook}.
 *
 * @param url the HTTPS URL Telegram posts updates to
 * @param secretToken sent back in {@code X-Telegram-Bot-Api-Secret-Token}; 1-256 of A-Z a-z 0-9 _ -
 * @param maxConnections 1-100 parallel deliveries
 * @param allowedUpdates the update kinds wanted
 * @param dropPendingUpdates whether to drop updates queued so far
 */
public record SetWebhook(
    String url,
    Optional<String> secretToken,
    int maxConnections,
    List<String> allowedUpdates,
    boolean dropPendingUpdates)
    implements BotMethod<Boolean> {

  /** Validates the values. */
  public SetWebhook {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url must be set");
    }
    secretToken.ifPresent(
        s -> {
          if (!s.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException(
                "secretToken must be 1-256 characters of A-Z a-z 0-9 _ -");
          }
        });
    if (maxConnections < 1 || maxConnections > 100) {
      throw new IllegalArgumentException("maxConnections must be 1-100; was " + maxConnections);
    }
    allowedUpdates = List.copyOf(allowedUpdates);
  }

  @Override
  public String name() {
    return "setWebhook";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("url", url)
        .put("secret_token", secretToken)
        .put("max_connections", maxConnections)
        .put("allowed_updates", allowedUpdates)
        .flag("drop_pending_updates", dropPendingUpdates)
        .build();
  }

  @Override
  public ResultType<Boolean> resultType() {
    return ResultType.of(Boolean.class);
  }

  @Override
  public String toString() {
    return "SetWebhook[url="
        + url
        + ", secretToken="
        + (secretToken.isPresent() ? "***" : "none")
        + ", maxConnections="
        + maxConnections
        + "]";
  }
}
