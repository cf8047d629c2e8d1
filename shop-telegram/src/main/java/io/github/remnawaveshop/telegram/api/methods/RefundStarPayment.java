package io.github.remnawaveshop.telegram.api.methods;

import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.ResultType;
import java.util.Map;

/**
 * {@code refundStarPayment}.
 *
 * @param userId the buyer
 * @param telegramPaymentChargeId the charge to refund
 */
public record RefundStarPayment(long userId, String telegramPaymentChargeId)
    implements BotMethod<Boolean> {
  @Override
  public String name() {
    return "refundStarPayment";
  }

  @Override
  public Map<String, Object> parameters() {
    return Params.of()
        .put("user_id", userId)
        .put("telegram_payment_charge_id", telegramPaymentChargeId)
        .build();
  }

  @Override
  public ResultType<Boolean> resultType() {
    return ResultType.of(Boolean.class);
  }
}
