package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import java.util.Map;

/**
 * {@code deleteWebhook}: back to long polling.
 *
 * @param dropPendingUpdates whether to drop updates queued so far
 */
public record DeleteWebhook(boolean dropPendingUpdates) implements BotMethod<Boolean> {
  @Override
  public String name() {
    return "deleteWebhook";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of().flag("drop_pending_updates", dropPendingUpdates).build();
  }

  @Override
  public ResultType<Boolean> resultType() {
    return ResultType.of(Boolean.class);
  }
}
