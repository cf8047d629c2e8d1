package io.github.remnawaveshop.testkit.telegram;

import java.util.OptionalLong;

/**
 * A Bot API error answer ({@code {ok:false, error_code, description, parameters}}), thrown by the
 * method handlers and turned into the HTTP answer by {@link BotApiHandler}.
 */
final class ApiError extends RuntimeException {
  final int code;
  final String description;
  final OptionalLong retryAfter;
  final OptionalLong migrateToChatId;

  private ApiError(int code, String description, OptionalLong retryAfter, OptionalLong migrateTo) {
    super(code + " " + description, null, false, false);
    this.code = code;
    this.description = description;
    this.retryAfter = retryAfter;
    this.migrateToChatId = migrateTo;
  }

  static ApiError of(int code, String description) {
    return new ApiError(code, description, OptionalLong.empty(), OptionalLong.empty());
  }

  static ApiError badRequest(String what) {
    return of(400, "Bad Request: " + what);
  }

  static ApiError tooManyRequests(long retryAfterSeconds) {
    return new ApiError(
        429,
        "Too Many Requests: retry after " + retryAfterSeconds,
        OptionalLong.of(retryAfterSeconds),
        OptionalLong.empty());
  }

  static ApiError retryAfter(int code, String description, long retryAfterSeconds) {
    return new ApiError(
        code, description, OptionalLong.of(retryAfterSeconds), OptionalLong.empty());
  }

  static ApiError migrated(long toChatId) {
    return new ApiError(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        OptionalLong.empty(),
        OptionalLong.of(toChatId));
  }

  static ApiError chatNotFound() {
    return badRequest("chat not found");
  }
}
