package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.payments.tck.ConformanceContext;
import io.github.remnawaveshop.payments.tck.NotificationKind;

/**
 * The conformance kit with online verification: PayPal's verify-webhook-signature decides. The fake
 * PayPal answers SUCCESS to genuine deliveries and FAILURE to tampered or foreign ones; missing
 * signatures and old transmissions are refused before PayPal is asked.
 */
class PayPalOnlineConformanceTest extends PayPalConformanceSupport {
  @Override
  PayPalVerification verification() {
    return PayPalVerification.ONLINE;
  }

  @Override
  protected Reason expectedReason(NotificationKind kind) {
    switch (kind) {
      case TAMPERED_BODY:
      case TAMPERED_SIGNATURE:
      case WRONG_SECRET:
        return Reason.REJECTED_BY_PROVIDER;
      default:
        return super.expectedReason(kind);
    }
  }

  @Override
  protected void beforeVerify(ConformanceContext context, NotificationKind kind) {
    switch (kind) {
      case PAID:
        context.enqueueJson(200, "{\"verification_status\":\"SUCCESS\"}");
        break;
      case TAMPERED_BODY:
      case TAMPERED_SIGNATURE:
      case WRONG_SECRET:
        context.enqueueJson(200, "{\"verification_status\":\"FAILURE\"}");
        break;
      default:
        // missing signature, expired, garbage: refused locally, PayPal is not asked
        break;
    }
  }
}
