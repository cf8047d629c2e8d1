package io.github.remnawaveshop.testkit.telegram;

import java.util.Objects;
import java.util.Optional;

/**
 * How a simulated payment ({@link SimulatedUser#pays}) ended: approved by the bot's {@code
 * answerPreCheckoutQuery(ok=true)} (then a {@code successful_payment} message was sent to the bot
 * with the charge ids here), or declined ({@code ok=false} with its {@code error_message}, or no
 * answer in time).
 *
 * @param approved whether the bot approved the pre-checkout query
 * @param errorMessage the bot's {@code error_message}, or why the payment failed
 * @param telegramPaymentChargeId the generated {@code telegram_payment_charge_id} when approved
 * @param providerPaymentChargeId the {@code provider_payment_charge_id} when approved
 * @param preCheckoutQueryId the id of the {@code pre_checkout_query} that was sent
 */
public record PaymentOutcome(
    boolean approved,
    Optional<String> errorMessage,
    Optional<String> telegramPaymentChargeId,
    Optional<String> providerPaymentChargeId,
    String preCheckoutQueryId) {
  /** Checks that no component is null. */
  public PaymentOutcome {
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(telegramPaymentChargeId, "telegramPaymentChargeId");
    Objects.requireNonNull(providerPaymentChargeId, "providerPaymentChargeId");
    Objects.requireNonNull(preCheckoutQueryId, "preCheckoutQueryId");
  }

  /** The charge id, or an {@link IllegalStateException} saying why the payment was declined. */
  public String chargeId() {
    return telegramPaymentChargeId.orElseThrow(
        () -> new IllegalStateException("payment was declined: " + errorMessage.orElse("-")));
  }
}
