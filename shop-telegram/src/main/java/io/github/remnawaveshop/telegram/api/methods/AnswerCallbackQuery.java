package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import java.util.Map;
import java.util.Optional;

/**
 * {@code answerCallbackQuery}: stops the button's spinner, optionally with a notice.
 *
 * @param callbackQueryId the query
 * @param text 0-200 characters shown to the user
 * @param showAlert an alert instead of a toast
 */
public record AnswerCallbackQuery(String callbackQueryId, Optional<String> text, boolean showAlert)
    implements BotMethod<Boolean> {

  /** Validates the values. */
  public AnswerCallbackQuery {
    text.ifPresent(
        t -> {
          if (t.length() > 200) {
            throw new IllegalArgumentException(
                "callback answer text must be at most 200 characters; was " + t.length());
          }
        });
  }

  /** A silent answer. */
  public static AnswerCallbackQuery of(String callbackQueryId) {
    return new AnswerCallbackQuery(callbackQueryId, Optional.empty(), false);
  }

  /** An answer with a toast. */
  public static AnswerCallbackQuery toast(String callbackQueryId, String text) {
    return new AnswerCallbackQuery(callbackQueryId, Optional.of(text), false);
  }

  @Override
  public String name() {
    return "answerCallbackQuery";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("callback_query_id", callbackQueryId)
        .put("text", text)
        .flag("show_alert", showAlert)
        .build();
  }

  @Override
  public ResultType<Boolean> resultType() {
    return ResultType.of(Boolean.class);
  }
}
