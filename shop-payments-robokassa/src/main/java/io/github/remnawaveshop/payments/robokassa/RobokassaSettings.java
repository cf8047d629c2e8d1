package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewaySettings;

/**
 * Reads a {@link RobokassaGateway.Builder} from {@link GatewaySettings} (the names are listed in
 * {@link RobokassaGatewayProvider}), collecting every problem through {@link
 * GatewaySettings#problems()}. Stateless; package-private.
 */
final class RobokassaSettings {
  private RobokassaSettings() {}

  /**
   * A builder configured from the settings listed in {@link RobokassaGatewayProvider}.
   *
   * @throws GatewayConfigurationException naming every missing or bad setting at once
   */
  static RobokassaGateway.Builder read(GatewaySettings settings) {
    GatewaySettings.Problems problems = settings.problems();
    RobokassaGateway.Builder b = RobokassaGateway.builder();
    problems
        .require("merchant-login")
        .ifPresent(
            login -> {
              if (login.contains(":")) {
                problems.invalid("merchant-login", "must not contain ':'; was '" + login + "'");
              } else {
                b.merchantLogin(login);
              }
            });
    problems.requireSecret("password1").ifPresent(b::password1);
    problems.requireSecret("password2").ifPresent(b::password2);
    problems.read(
        "test-mode",
        () -> {
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
    settings
        .get("hash-algorithm")
        .ifPresent(
            a ->
                HashAlgorithm.parse(a)
                    .ifPresentOrElse(
                        b::hashAlgorithm,
                        () ->
                            problems.invalid(
                                "hash-algorithm",
                                "must be one of MD5, RIPEMD160, SHA1, SHA256, SHA384, SHA512; was '"
                                    + a
                                    + "'")));
    problems.read(
        "base-url",
        () -> b.payPage(settings.httpUrl("base-url", RobokassaGateway.DEFAULT_PAY_PAGE)));
    settings
        .get("culture")
        .ifPresent(
            c -> {
              if (!c.equals("ru") && !c.equals("en")) {
                problems.invalid("culture", "must be ru or en; was '" + c + "'");
              } else {
                b.culture(c);
              }
            });
    settings.optionalSecret("password3").ifPresent(b::password3);
    problems.read(
        "op-state-url",
        () ->
            settings
                .get("op-state-url")
                .ifPresent(v -> b.opStateUrl(settings.httpUrl("op-state-url", null))));
    problems.read(
        "refund-url",
        () ->
            settings
                .get("refund-url")
                .ifPresent(v -> b.refundUrl(settings.httpUrl("refund-url", null))));
    settings.get("receipt-sno").ifPresent(b::receiptTaxSystem);
    settings.get("receipt-tax").ifPresent(b::receiptTax);
    settings.get("receipt-payment-method").ifPresent(b::receiptPaymentMethod);
    settings.get("receipt-payment-object").ifPresent(b::receiptPaymentObject);
    problems.throwIfAny();
    return b;
  }
}
