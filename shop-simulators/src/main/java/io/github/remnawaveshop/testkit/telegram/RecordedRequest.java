package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Bot API call the bot made (with the right token), whatever the simulator answered.
 *
 * @param method the method name as Telegram spells it ({@code sendMessage}), whatever case the bot
 *     used
 * @param params the parameters as one JSON object, however they were sent (JSON, form, multipart,
 *     query); uploaded files appear as {@code {"file_name":…, "size":…}}
 * @param at when the call arrived
 * @param chatId the {@code chat_id} parameter, if numeric
 */
public record RecordedRequest(String method, JsonNode params, Instant at, Optional<Long> chatId) {
  /** Checks that no component is null. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(chatId, "chatId");
  }
}
