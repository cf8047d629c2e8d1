package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.payments.tck.ConformanceContext;
import io.github.remnawaveshop.payments.tck.Notifications;
import io.github.remnawaveshop.payments.tck.PaymentGatewayConformanceTest;
import io.github.remnawaveshop.payments.tck.ProviderIds;
import io.github.remnawaveshop.payments.tck.TckPayment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Robokassa passes the conformance kit. ResultURL notifications are built here as Robokassa sends
 * them (form POST, {@code OutSum} with six decimals, upper-case MD5 hex) and signed with {@link
 * MessageDigest} directly. The protocol has no idempotency key and no timestamp, so those checks
 * are skipped.
 */
class RobokassaConformanceTest extends PaymentGatewayConformanceTest {
  static final String LOGIN = "demo-shop";
  static final String PASSWORD1 = "pw1-Kx93mQ2vL";
  static final String PASSWORD2 = "pw2-Tz71nB8wR";
  static final String TEST_PASSWORD1 = "tpw1-Hq45cJ6sD";
  static final String TEST_PASSWORD2 = "tpw2-Yf28pN3kG";
  static final String PASSWORD3 = "pw3-Lm52vQ9xC";

  @Override
  protected String gatewayId() {
    return "robokassa";
  }

  @Override
  protected GatewaySettings settings(ConformanceContext context) {
    return GatewaySettings.of(
        "robokassa",
        Map.of(
            "merchant-login", LOGIN,
            "password1", PASSWORD1,
            "password2", PASSWORD2,
            "test-password1", TEST_PASSWORD1,
            "test-password2", TEST_PASSWORD2,
            "password3", PASSWORD3,
            "base-url", context.baseUrl() + "/Merchant/Index.aspx"));
  }

  @Override
  protected Set<String> secretValues() {
    return Set.of(PASSWORD1, PASSWORD2, TEST_PASSWORD1, TEST_PASSWORD2, PASSWORD3);
  }

  @Override
  protected CheckoutRequest checkoutRequest(TckPayment payment) {
    return payment
        .checkoutRequestBuilder()
        .metadata(Map.of(RobokassaGateway.METADATA_INV_ID, Long.toString(payment.number())))
        .build();
  }

  @Override
  protected Notification paidNotification(TckPayment payment) {
    return result(payment, outSum(payment), PASSWORD2);
  }

  @Override
  protected Notification tamperedBodyNotification(TckPayment payment) {
    Map<String, String> params = resultParams(payment, outSum(payment), PASSWORD2);
    params.put("OutSum", "1.000000");
    return Notifications.formPost(params);
  }

  @Override
  protected Notification tamperedSignatureNotification(TckPayment payment) {
    Map<String, String> params = resultParams(payment, outSum(payment), PASSWORD2);
    params.put("SignatureValue", Notifications.flipLastChar(params.get("SignatureValue")));
    return Notifications.formPost(params);
  }

  @Override
  protected Notification unsignedNotification(TckPayment payment) {
    Map<String, String> params = resultParams(payment, outSum(payment), PASSWORD2);
    params.remove("SignatureValue");
    return Notifications.formPost(params);
  }

  @Override
  protected Notification wrongSecretNotification(TckPayment payment) {
    return result(payment, outSum(payment), "pw2-someone-else");
  }

  @Override
  protected ProviderIds expectedIds(TckPayment payment) {
    String invId = Long.toString(payment.number());
    return new ProviderIds(invId, invId);
  }

  @Override
  protected Optional<String> expectedReplyBody(TckPayment payment) {
    return Optional.of("OK" + payment.number());
  }

  @Override
  protected Optional<String> idempotencyHeader() {
    return Optional.empty();
  }

  @Override
  protected boolean checkoutCallsProvider() {
    return false;
  }

  @Override
  protected void enqueueCheckoutAnswer(ConformanceContext context, CheckoutRequest request) {
    // the pay-page URL is built and signed locally
  }

  /** Robokassa writes OutSum with six decimals in ResultURL notifications. */
  static String outSum(TckPayment payment) {
    return payment.amount().toDecimalString() + "0000";
  }

  static Notification result(TckPayment payment, String outSum, String password2) {
    return Notifications.formPost(resultParams(payment, outSum, password2));
  }

  static Map<String, String> resultParams(TckPayment payment, String outSum, String password2) {
    String invId = Long.toString(payment.number());
    String base = outSum + ":" + invId + ":" + password2 + ":Shp_order=" + payment.orderReference();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("OutSum", outSum);
    params.put("InvId", invId);
    params.put("PaymentMethod", "BankCard");
    params.put("IncCurrLabel", "BankCardPSR");
    params.put("EMail", "buyer@example.org");
    params.put("Fee", "7.960000");
    params.put("SignatureValue", md5(base).toUpperCase(Locale.ROOT));
    params.put("Shp_order", payment.orderReference());
    return params;
  }

  static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
