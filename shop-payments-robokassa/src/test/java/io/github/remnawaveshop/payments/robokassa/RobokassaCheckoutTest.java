package io.github.remnawaveshop.payments.robokassa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pay-page URL, parameter by parameter, with every expected signature computed here from a
 * hand-written base string.
 */
class RobokassaCheckoutTest {
  static final String P1 = "pw1-Kx93mQ2vL";
  static final String P2 = "pw2-Tz71nB8wR";
  static final String TP1 = "tpw1-Hq45cJ6sD";
  static final String TP2 = "tpw2-Yf28pN3kG";

  static RobokassaGateway.Builder gateway() {
    return RobokassaGateway.builder()
        .merchantLogin("demo-shop")
        .password1(Secret.of(P1))
        .password2(Secret.of(P2))
        .testPassword1(Secret.of(TP1))
        .testPassword2(Secret.of(TP2));
  }

  static CheckoutRequest.Builder request(String order) {
    return CheckoutRequest.builder()
        .orderReference(order)
        .amount(Money.of(19_900, "RUB"))
        .description("VPN, 30 days")
        .customerId(42)
        .idempotencyKey("k-" + order);
  }

  @Test
  void payPageUrlCarriesSignedParameters() throws Exception {
    Checkout checkout =
        gateway()
            .build()
            .createCheckout(
                request("order-1001")
                    .metadata(Map.of(RobokassaGateway.METADATA_INV_ID, "1001"))
                    .locale(Locale.forLanguageTag("ru-RU"))
                    .customerEmail("buyer@example.org")
                    .build());

    URI url = checkout.paymentUrl().orElseThrow();
    assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
        .isEqualTo("https://auth.robokassa.ru/Merchant/Index.aspx");
    Map<String, String> q = query(url);
    assertThat(q)
        .containsEntry("MerchantLogin", "demo-shop")
        .containsEntry("OutSum", "199.00")
        .containsEntry("InvId", "1001")
        .containsEntry("Description", "VPN, 30 days")
        .containsEntry("Culture", "ru")
        .containsEntry("Email", "buyer@example.org")
        .containsEntry("Shp_order", "order-1001")
        .doesNotContainKeys("IsTest", "Receipt");
    assertThat(q.get("SignatureValue"))
        .isEqualTo(md5("demo-shop:199.00:1001:" + P1 + ":Shp_order=order-1001"));
    assertThat(checkout.providerReference()).isEqualTo("1001");
    assertThat(checkout.orderReference()).isEqualTo("order-1001");
    assertThat(url.toString()).doesNotContain(P1).doesNotContain(P2);
  }

  @Test
  void numericOrderReferenceIsTheInvId() throws Exception {
    Checkout checkout = gateway().build().createCheckout(request("73").build());
    Map<String, String> q = query(checkout.paymentUrl().orElseThrow());
    assertThat(q)
        .containsEntry("InvId", "73")
        .containsEntry("Shp_order", "73")
        .containsEntry("Culture", "en");
    assertThat(q.get("SignatureValue"))
        .isEqualTo(md5("demo-shop:199.00:73:" + P1 + ":Shp_order=73"));
  }

  @Test
  void orderWithoutNumericInvIdIsRefusedClearly() {
    RobokassaGateway g = gateway().build();
    assertThatThrownBy(() -> g.createCheckout(request("order-x").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order-x")
        .hasMessageContaining(RobokassaGateway.METADATA_INV_ID);
    assertThatThrownBy(
            () ->
                g.createCheckout(
                    request("order-x")
                        .metadata(Map.of(RobokassaGateway.METADATA_INV_ID, "2147483648"))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2147483648");
    assertThatThrownBy(() -> g.createCheckout(request("0").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shpParametersAreSortedByNameInTheSignature() throws Exception {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("plan", "m1");
    metadata.put("a-user", "42");
    metadata.put(RobokassaGateway.METADATA_INV_ID, "5");
    Checkout checkout =
        gateway().build().createCheckout(request("order-5").metadata(metadata).build());
    Map<String, String> q = query(checkout.paymentUrl().orElseThrow());
    assertThat(q)
        .containsEntry("Shp_a_user", "42")
        .containsEntry("Shp_plan", "m1")
        .doesNotContainKey("Shp_robokassa_inv_id");
    assertThat(q.get("SignatureValue"))
        .isEqualTo(
            md5("demo-shop:199.00:5:" + P1 + ":Shp_a_user=42:Shp_order=order-5:Shp_plan=m1"));
  }

  @Test
  void testModeUsesTestPasswordAndIsTest() throws Exception {
    Checkout checkout = gateway().testMode(true).build().createCheckout(request("9").build());
    Map<String, String> q = query(checkout.paymentUrl().orElseThrow());
    assertThat(q).containsEntry("IsTest", "1");
    assertThat(q.get("SignatureValue"))
        .isEqualTo(md5("demo-shop:199.00:9:" + TP1 + ":Shp_order=9"));
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void everyHashAlgorithmSignsThePayPage(HashAlgorithm algorithm) throws Exception {
    Checkout checkout =
        gateway()
            .hashAlgorithm(algorithm)
            .build()
            .createCheckout(
                request("order-1001")
                    .metadata(Map.of(RobokassaGateway.METADATA_INV_ID, "1001"))
                    .build());
    String base = "demo-shop:199.00:1001:" + P1 + ":Shp_order=order-1001";
    String expected =
        switch (algorithm) {
          case MD5 -> jdk("MD5", base);
          // computed with OpenSSL (Python hashlib), not with this plugin's own RIPEMD-160
          case RIPEMD160 -> "f24030786c444d5ace1a192fc6a29b0a59059045";
          case SHA1 -> jdk("SHA-1", base);
          case SHA256 -> jdk("SHA-256", base);
          case SHA384 -> jdk("SHA-384", base);
          case SHA512 -> jdk("SHA-512", base);
        };
    assertThat(query(checkout.paymentUrl().orElseThrow()).get("SignatureValue"))
        .isEqualTo(expected);
  }

  @Test
  void receiptIsUrlEncodedOnceInTheSignatureAndTwiceInTheUrl() throws Exception {
    Checkout checkout =
        gateway()
            .receipt(true)
            .receiptTaxSystem("usn_income")
            .build()
            .createCheckout(request("77").build());
    URI url = checkout.paymentUrl().orElseThrow();
    Map<String, String> q = query(url);
    String signedReceipt = q.get("Receipt");
    JsonNode receipt =
        new ObjectMapper().readTree(URLDecoder.decode(signedReceipt, StandardCharsets.UTF_8));
    assertThat(receipt.path("sno").asText()).isEqualTo("usn_income");
    JsonNode item = receipt.path("items").get(0);
    assertThat(item.path("name").asText()).isEqualTo("VPN, 30 days");
    assertThat(item.path("quantity").asInt()).isEqualTo(1);
    assertThat(item.path("sum").decimalValue()).isEqualByComparingTo("199.00");
    assertThat(item.path("tax").asText()).isEqualTo("none");
    assertThat(item.path("payment_method").asText()).isEqualTo("full_payment");
    assertThat(item.path("payment_object").asText()).isEqualTo("service");
    // the signed value is the JSON URL-encoded once; the raw query holds it encoded once more
    String expectedJson =
        "{\"sno\":\"usn_income\",\"items\":[{\"name\":\"VPN, 30 days\",\"quantity\":1,\"sum\":199.00,"
            + "\"payment_method\":\"full_payment\",\"payment_object\":\"service\",\"tax\":\"none\"}]}";
    assertThat(signedReceipt).isEqualTo(URLEncoder.encode(expectedJson, StandardCharsets.UTF_8));
    assertThat(url.getRawQuery())
        .contains("Receipt=" + URLEncoder.encode(signedReceipt, StandardCharsets.UTF_8));
    assertThat(q.get("SignatureValue"))
        .isEqualTo(md5("demo-shop:199.00:77:" + signedReceipt + ":" + P1 + ":Shp_order=77"));
  }

  @Test
  void receiptFromMetadataIsSentAsGiven() throws Exception {
    String json = "{\"items\":[{\"name\":\"Тариф\",\"quantity\":1,\"sum\":199,\"tax\":\"vat20\"}]}";
    Checkout checkout =
        gateway()
            .build()
            .createCheckout(
                request("78").metadata(Map.of(RobokassaGateway.METADATA_RECEIPT, json)).build());
    Map<String, String> q = query(checkout.paymentUrl().orElseThrow());
    String encoded = URLEncoder.encode(json, StandardCharsets.UTF_8);
    assertThat(q).containsEntry("Receipt", encoded);
    assertThat(q.get("SignatureValue"))
        .isEqualTo(md5("demo-shop:199.00:78:" + encoded + ":" + P1 + ":Shp_order=78"));
  }

  @Test
  void longDescriptionIsCutToRobokassasLimit() throws Exception {
    Checkout checkout =
        gateway()
            .culture("en")
            .build()
            .createCheckout(
                request("79")
                    .description("x".repeat(150))
                    .locale(Locale.forLanguageTag("ru"))
                    .build());
    Map<String, String> q = query(checkout.paymentUrl().orElseThrow());
    assertThat(q.get("Description")).hasSize(100);
    assertThat(q).containsEntry("Culture", "en");
  }

  @Test
  void onlyRoublesAreAccepted() {
    assertThatThrownBy(
            () ->
                gateway()
                    .build()
                    .createCheckout(request("80").amount(Money.of(999, "USD")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USD");
  }

  static Map<String, String> query(URI url) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  static String md5(String base) throws Exception {
    return jdk("MD5", base);
  }

  static String jdk(String algorithm, String base) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance(algorithm).digest(base.getBytes(StandardCharsets.UTF_8)));
  }
}
