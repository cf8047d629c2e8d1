package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;

/** One Bot API method: parameters in, the {@code result} out, or an {@link ApiError}. */
@FunctionalInterface
interface MethodHandler {
  JsonNode handle(RequestParams params);
}
