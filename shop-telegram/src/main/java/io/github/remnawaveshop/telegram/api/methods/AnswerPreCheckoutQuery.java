package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import java.util.Map;
import java.util.Optional;

/**
 * {@code answerPreCheckoutQuery}: must be sent within 10 seconds of the query.
 *
 * @param preCheckoutQueryId the query
 * @param ok whether the payment may go ahead
 * @param errorMessage shown to the user when {@code ok} is false
 */
public record AnswerPreCheckoutQuery(
    String preCheckoutQueryId, boolean ok, Optional<String> errorMessage)
    implements BotMethod<Boolean> {

  /** Validates the values. */
  public AnswerPreCheckoutQuery {
    if (!ok && errorMessage.isEmpty()) {
      throw new IllegalArgumentException(
          "a refused pre-checkout query needs an error message for the user");
    }
  }

  /** Lets the payment go ahead. */
  public static AnswerPreCheckoutQuery approve(String id) {
    return new AnswerPreCheckoutQuery(id, true, Optional.empty());
  }

  /** Stops the payment with a reason for the user. */
  public static AnswerPreCheckoutQuery decline(String id, String reason) {
    return new AnswerPreCheckoutQuery(id, false, Optional.of(reason));
  }

  @Override
  public String name() {
    return "answerPreCheckoutQuery";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("pre_checkout_query_id", preCheckoutQueryId)
        .put("ok", ok)
        .put("error_message", errorMessage)
        .build();
  }

  @Override
  public ResultType<Boolean> resultType() {
    return ResultType.of(Boolean.class);
  }
}
