package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.net.URI;
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

  @Override
  public PaymentGateway create(GatewaySettings settings) {
    settings.requireAll(requiredSettings());
    boolean testMode = settings.flag("test-mode", false);
    if (testMode) {
      settings.requireAll(Set.of("test-password1", "test-password2"));
    }
    String login = settings.require("merchant-login");
    if (login.contains(":")) {
      throw settings.invalid("merchant-login", "must not contain ':'; was '" + login + "'");
    }
    RobokassaGateway.Builder b = RobokassaGateway.builder()
        .merchantLogin(login)
        .password1(settings.secret("password1"))
        .password2(settings.secret("password2"))
        .testMode(testMode)
        .receipt(settings.flag("receipt", false));
    settings.optionalSecret("test-password1").ifPresent(b::testPassword1);
    settings.optionalSecret("test-password2").ifPresent(b::testPassword2);
    settings.get("hash-algorithm").ifPresent(a -> b.hashAlgorithm(HashAlgorithm.parse(a).orElseThrow(() ->
        settings.invalid("hash-algorithm",
            "must be one of MD5, RIPEMD160, SHA1, SHA256, SHA384, SHA512; was '" + a + "'"))));
    URI payPage = settings.uri("base-url", RobokassaGateway.DEFAULT_PAY_PAGE);
    if (!"https".equals(payPage.getScheme()) && !"http".equals(payPage.getScheme())) {
      throw settings.invalid("base-url", "must be an http(s) URL; was '" + payPage + "'");
    }
    b.payPage(payPage);
    settings.get("culture").ifPresent(c -> {
      if (!c.equals("ru") && !c.equals("en")) {
        throw settings.invalid("culture", "must be ru or en; was '" + c + "'");
      }
      b.culture(c);
    });
    settings.optionalSecret("password3").ifPresent(b::password3);
    for (String name : new String[] {"op-state-url", "refund-url"}) {
      settings.get(name).ifPresent(v -> {
        URI u = settings.uri(name, null);
        if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
          throw settings.invalid(name, "must be an http(s) URL; was '" + v + "'");
        }
        if (name.equals("op-state-url")) {
          b.opStateUrl(u);
        } else {
          b.refundUrl(u);
        }
      });
    }
    settings.get("receipt-sno").ifPresent(b::receiptTaxSystem);
    settings.get("receipt-tax").ifPresent(b::receiptTax);
    settings.get("receipt-payment-method").ifPresent(b::receiptPaymentMethod);
    settings.get("receipt-payment-object").ifPresent(b::receiptPaymentObject);
    return b.build();
  }

  @Override
  public String toString() {
    return "RobokassaGatewayProvider";
  }
}
