package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.WebhookInfo;
import java.util.Map;

/** {@code getWebhookInfo}. */
public record GetWebhookInfo() implements BotMethod<WebhookInfo> {
  @Override
  public String name() {
    return "getWebhookInfo";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of();
  }

  @Override
  public ResultType<WebhookInfo> resultType() {
    return ResultType.of(WebhookInfo.class);
  }
}
