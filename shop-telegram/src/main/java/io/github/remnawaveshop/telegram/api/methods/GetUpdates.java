package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import io.github.remnawaveshop.telegram.api.types.Update;
import java.util.List;
import java.util.Map;

/**
 * {@code getUpdates}: long polling. {@code offset} confirms every update before it.
 *
 * @param offset the first update id wanted (last handled + 1)
 * @param limit 1-100 updates per answer
 * @param timeoutSeconds how long Telegram holds the request open when there is nothing (0 is short
 *     polling)
 * @param allowedUpdates the update kinds wanted; empty keeps Telegram's current setting
 */
public record GetUpdates(long offset, int limit, int timeoutSeconds, List<String> allowedUpdates)
    implements BotMethod<List<Update>> {

  /** Validates the values. */
  public GetUpdates {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be 1-100; was " + limit);
    }
    if (timeoutSeconds < 0) {
      throw new IllegalArgumentException(
          "timeoutSeconds must be zero or more; was " + timeoutSeconds);
    }
    allowedUpdates = List.copyOf(allowedUpdates);
  }

  @Override
  public String name() {
    return "getUpdates";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("offset", offset)
        .put("limit", limit)
        .put("timeout", timeoutSeconds)
        .put("allowed_updates", allowedUpdates)
        .build();
  }

  @Override
  public ResultType<List<Update>> resultType() {
    return ResultType.listOf(Update.class);
  }
}
