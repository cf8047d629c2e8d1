package io.github.remnawaveshop.payments.paypal;

/** The conformance kit with offline verification: the gateway checks PayPal's signature itself. */
class PayPalOfflineConformanceTest extends PayPalConformanceSupport {
  @Override
  PayPalVerification verification() {
    return PayPalVerification.OFFLINE;
  }
}
