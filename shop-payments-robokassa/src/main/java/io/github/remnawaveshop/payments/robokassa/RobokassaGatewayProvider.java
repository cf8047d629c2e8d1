package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of the Robokassa plugin. Settings (prefix
 * {@code shop.payments.robokassa.} or {@code SHOP_PAYMENTS_ROBOKASSA_}):
 * <ul>
 *   <li>{@code merchant-login}, {@code password1}, {@code password2} — required;</li>
 *   <li>{@code test-mode} (default {@code false}) with {@code test-password1}, {@code test-password2},
 *       required when it is on;</li>
 *   <li>{@code hash-algorithm}: MD5 (default), RIPEMD160, SHA1, SHA256, SHA384, SHA512;</li>
 *   <li>{@code base-url}: the pay page (default {@link RobokassaGateway#DEFAULT_PAY_PAGE});</li>
 *   <li>{@code culture}: {@code ru} or {@code en} (default: the buyer's language);</li>
 *   <li>{@code receipt} (default {@code false}) with {@code receipt-sno}, {@code receipt-tax} (default
 *       {@code none}), {@code receipt-payment-method} ({@code full_payment}), {@code receipt-payment-object}
 *       ({@code service});</li>
 *   <li>{@code password3}: Password #3, enables refunds ({@code RefundCapability});</li>
 *   <li>{@code op-state-url}, {@code refund-url}: the status and refund services (defaults
 *       {@link RobokassaGateway#DEFAULT_OP_STATE_URL}, {@link RobokassaGateway#DEFAULT_REFUND_URL}).</li>
 * </ul>
 * Stateless.
 */
public final class RobokassaGatewayProvider implements PaymentGatewayProvider {

  /** For {@link java.util.ServiceLoader}. */
  public RobokassaGatewayProvider() {}

  @Override
  public String id() {
    return RobokassaGateway.ID;
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("merchant-login", "password1", "password2");
  }

  /**
   * Builds the gateway from its settings.
   *
   * @throws GatewayConfigurationException naming every missing or bad setting at once
   */
  @Override
  public PaymentGateway create(GatewaySettings settings) {
    GatewaySettings.Problems problems = settings.problems();
    RobokassaGateway.Builder b = RobokassaGateway.builder();
    problems.require("merchant-login").ifPresent(login -> {
      if (login.contains(":")) {
        problems.invalid("merchant-login", "must not contain ':'; was '" + login + "'");
      } else {
        b.merchantLogin(login);
      }
    });
    problems.requireSecret("password1").ifPresent(b::password1);
    problems.requireSecret("password2").ifPresent(b::password2);
    problems.read("test-mode", () -> {
      boolean testMode = settings.flag("test-mode", false);
      b.testMode(testMode);
      if (testMode) {
        problems.requireSecret("test-password1").ifPresent(b::testPassword1);
        problems.requireSecret("test-password2").ifPresent(b::testPassword2);
      } else {
        settings.optionalSecret("test-password1").ifPresent(b::testPassword1);
        settings.optionalSecret("test-password2").ifPresent(b::testPassword2);
      }
    });
    problems.read("receipt", () -> b.receipt(settings.flag("receipt", false)));
    settings.get("hash-algorithm").ifPresent(a -> HashAlgorithm.parse(a).ifPresentOrElse(b::hashAlgorithm,
        () -> problems.invalid("hash-algorithm",
            "must be one of MD5, RIPEMD160, SHA1, SHA256, SHA384, SHA512; was '" + a + "'")));
    problems.read("base-url", () -> b.payPage(settings.httpUrl("base-url", RobokassaGateway.DEFAULT_PAY_PAGE)));
    settings.get("culture").ifPresent(c -> {
      if (!c.equals("ru") && !c.equals("en")) {
        problems.invalid("culture", "must be ru or en; was '" + c + "'");
      } else {
        b.culture(c);
      }
    });
    settings.optionalSecret("password3").ifPresent(b::password3);
    problems.read("op-state-url", () -> settings.get("op-state-url")
        .ifPresent(v -> b.opStateUrl(settings.httpUrl("op-state-url", null))));
    problems.read("refund-url", () -> settings.get("refund-url")
        .ifPresent(v -> b.refundUrl(settings.httpUrl("refund-url", null))));
    settings.get("receipt-sno").ifPresent(b::receiptTaxSystem);
    settings.get("receipt-tax").ifPresent(b::receiptTax);
    settings.get("receipt-payment-method").ifPresent(b::receiptPaymentMethod);
    settings.get("receipt-payment-object").ifPresent(b::receiptPaymentObject);
    problems.throwIfAny();
    return b.build();
  }

  @Override
  public String toString() {
    return "RobokassaGatewayProvider";
  }
}
