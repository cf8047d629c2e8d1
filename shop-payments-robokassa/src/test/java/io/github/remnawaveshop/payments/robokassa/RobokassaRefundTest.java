package io.github.remnawaveshop.payments.robokassa;

import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.P2;
import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.gateway;
import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.RefundCapability;
import io.github.remnawaveshop.core.payment.RefundCapability.RefundResult;
import io.github.remnawaveshop.core.payment.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpStateExt and refunds against Robokassa played by MockWebServer; JWTs checked with javax.crypto
 * here.
 */
class RobokassaRefundTest {
  static final String P3 = "pw3-Lm52vQ9xC";
  private MockWebServer server;
  private RobokassaGateway gateway;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    gateway =
        gateway()
            .password3(Secret.of(P3))
            .opStateUrl(server.url("/Merchant/WebService/Service.asmx/OpStateExt").uri())
            .refundUrl(server.url("/RefundService/Refund/Create").uri())
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String opState(int result, int state, String opKey) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<OperationStateResponse xmlns=\"http://merchant.roboxchange.com/WebService/\">"
        + "<Result><Code>"
        + result
        + "</Code></Result>"
        + "<State><Code>"
        + state
        + "</Code><RequestDate>2026-11-25T12:00:00.000+03:00</RequestDate>"
        + "<StateDate>2026-11-25T12:01:00.000+03:00</StateDate></State>"
        + "<Info><IncCurrLabel>BankCardPSR</IncCurrLabel><IncSum>199.000000</IncSum>"
        + "<PaymentMethod><Code>BankCard</Code><Description>Bank card</Description></PaymentMethod>"
        + "<OutCurrLabel>BankCardPSR</OutCurrLabel><OutSum>191.040000</OutSum>"
        + (opKey == null ? "" : "<OpKey>" + opKey + "</OpKey>")
        + "</Info>"
        + "</OperationStateResponse>";
  }

  private void enqueue(int status, String contentType, String body) {
    server.enqueue(new MockResponse(status, Headers.of("Content-Type", contentType), body));
  }

  @Test
  void operationStateIsSignedWithPassword2() throws Exception {
    enqueue(200, "text/xml", opState(0, 100, "op-key-1"));
    OperationState state = gateway.operationState("1001");
    assertThat(state.paid()).isTrue();
    assertThat(state.opKey()).contains("op-key-1");
    assertThat(state.outSum()).contains("191.040000");

    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/Merchant/WebService/Service.asmx/OpStateExt");
    assertThat(request.getUrl().queryParameter("MerchantLogin")).isEqualTo("demo-shop");
    assertThat(request.getUrl().queryParameter("InvoiceID")).isEqualTo("1001");
    assertThat(request.getUrl().queryParameter("Signature")).isEqualTo(md5("demo-shop:1001:" + P2));
  }

  @Test
  void fullRefundSendsAJwtSignedWithPassword3() throws Exception {
    enqueue(200, "text/xml", opState(0, 100, "op-key-1"));
    enqueue(200, "application/json", "{\"success\":true,\"message\":null,\"requestId\":\"r-77\"}");
    RefundCapability refunds = gateway.capability(RefundCapability.class).orElseThrow();
    RefundResult result = refunds.refund("1001", Optional.empty(), "refund-1");
    assertThat(result.refundId()).isEqualTo("r-77");
    assertThat(result.status()).isEqualTo("processing");

    server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest refund = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(refund.getMethod()).isEqualTo("POST");
    assertThat(refund.getUrl().encodedPath()).isEqualTo("/RefundService/Refund/Create");
    JsonNode payload = verifiedJwtPayload(refund.getBody().utf8());
    assertThat(payload.path("OpKey").asText()).isEqualTo("op-key-1");
    assertThat(payload.has("RefundSum")).isFalse();
  }

  @Test
  void partialRefundCarriesTheSum() throws Exception {
    enqueue(200, "text/xml", opState(0, 100, "op-key-2"));
    enqueue(200, "application/json", "{\"success\":true,\"requestId\":\"r-78\"}");
    gateway.refund("1002", Optional.of(Money.of(5_050, "RUB")), "refund-2");
    server.takeRequest(1, TimeUnit.SECONDS);
    JsonNode payload = verifiedJwtPayload(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
    assertThat(payload.path("RefundSum").decimalValue()).isEqualByComparingTo("50.50");
  }

  @Test
  void anInvoiceThatIsNotPaidIsNotRefunded() throws Exception {
    enqueue(200, "text/xml", opState(0, 60, "op-key-3"));
    assertThatThrownBy(() -> gateway.refund("1003", Optional.empty(), "refund-3"))
        .isInstanceOf(PaymentProviderException.class)
        .hasMessageContaining("state 60");
    server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(server.takeRequest(200, TimeUnit.MILLISECONDS)).as("no refund request").isNull();
  }

  @Test
  void refusalAndOutagesArePaymentProviderExceptionsWithoutSecrets() {
    enqueue(200, "text/xml", opState(0, 100, "op-key-4"));
    enqueue(200, "application/json", "{\"success\":false,\"message\":\"NotEnoughOperationFunds\"}");
    assertThatThrownBy(() -> gateway.refund("1004", Optional.empty(), "refund-4"))
        .isInstanceOf(PaymentProviderException.class)
        .hasMessageContaining("NotEnoughOperationFunds")
        .hasMessageNotContaining(P3)
        .hasMessageNotContaining(P2);

    enqueue(503, "text/plain", "down");
    assertThatThrownBy(() -> gateway.operationState("1005"))
        .isInstanceOfSatisfying(
            PaymentProviderException.class, e -> assertThat(e.isRetryable()).isTrue());

    enqueue(200, "text/xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
    assertThatThrownBy(() -> gateway.operationState("1006"))
        .isInstanceOf(PaymentProviderException.class)
        .hasMessageContaining("malformed XML");
  }

  @Test
  void refundsNeedPassword3() {
    RobokassaGateway without = gateway().build();
    assertThat(without.capability(RefundCapability.class)).isEmpty();
    assertThat(gateway.capability(RefundCapability.class)).isPresent();
    assertThatThrownBy(() -> without.refund("1001", Optional.empty(), "k"))
        .isInstanceOf(PaymentProviderException.class)
        .hasMessageContaining("password3");
    assertThatThrownBy(() -> gateway.operationState("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Checks the JWT's header and HS256 signature independently and returns its payload. */
  static JsonNode verifiedJwtPayload(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    Base64.Decoder d = Base64.getUrlDecoder();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode header = mapper.readTree(d.decode(parts[0]));
    assertThat(header.path("alg").asText()).isEqualTo("HS256");
    assertThat(header.path("typ").asText()).isEqualTo("JWT");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(P3.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(d.decode(parts[2])).isEqualTo(expected);
    return mapper.readTree(d.decode(parts[1]));
  }
}
