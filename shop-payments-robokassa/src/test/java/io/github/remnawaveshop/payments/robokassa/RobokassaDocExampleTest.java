package io.github.remnawaveshop.payments.robokassa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code of docs/payments/robokassa.md, compiled and run. */
class RobokassaDocExampleTest {

  @Test
  void builderExampleFromTheDocs() {
    Map<String, String> env =
        Map.of("ROBOKASSA_PASSWORD1", "pw1-Kx93mQ2vL", "ROBOKASSA_PASSWORD2", "pw2-Tz71nB8wR");
    // --- as in the docs
    RobokassaGateway robokassa =
        RobokassaGateway.builder()
            .merchantLogin("demo-shop")
            .password1(Secret.of(env.get("ROBOKASSA_PASSWORD1")))
            .password2(Secret.of(env.get("ROBOKASSA_PASSWORD2")))
            .hashAlgorithm(HashAlgorithm.SHA256)
            .receipt(true)
            .receiptTaxSystem("usn_income")
            .build();
    // ---
    Checkout checkout =
        robokassa.createCheckout(
            CheckoutRequest.builder()
                .orderReference("order-2041")
                .amount(Money.of(19_900, "RUB"))
                .description("VPN, 30 days")
                .customerId(42)
                .metadata(Map.of(RobokassaGateway.METADATA_INV_ID, "2041"))
                .build());
    assertThat(checkout.providerReference()).isEqualTo("2041");
    assertThat(checkout.paymentUrl().orElseThrow().toString())
        .startsWith(
            "https://auth.robokassa.ru/Merchant/Index.aspx?MerchantLogin=demo-shop&OutSum=199.00&InvId=2041")
        .contains("Receipt=")
        .contains("Shp_order=order-2041");
  }
}
